using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Infrastructure.Trust.Review;

namespace Sentinel.Web.Components.Pages.Trust;

/// <summary>One row of the live page.</summary>
public sealed record LiveRow(Guid ProjectId, string SessionId, TrustAction Action, double Score, long EventsSeen, string? UserHash, DateTime FirstSeen, DateTime LastSeen, bool Overridden, bool Live)
{
    public static LiveRow From(Guid projectId, TrustSessionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(projectId, view.SessionId, view.EffectiveAction, view.Score, view.EventsSeen, view.UserHash, view.FirstSeen, view.LastSeen, view.Overridden is not null, view.Live);
    }

    public static LiveRow From(SessionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.ProjectId, change.SessionId, change.Action, change.Score, change.EventsSeen, change.UserHash, change.FirstSeen, change.LastSeen, change.Overridden, Live: true);
    }
}

/// <summary>
/// The live page's rows: loaded once, then changed by the feed's coalesced batches. Newest first, only the window's
/// sessions, at most <see cref="MaxRows"/>; an older change never replaces a newer row (feeds from several hosts may cross).
/// </summary>
public sealed class LiveSessionRows
{
    public const int MaxRows = 500;
    private readonly Dictionary<(Guid, string), LiveRow> _rows = [];

    public int Count => _rows.Count;

    public void Load(IEnumerable<LiveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows.Clear();
        foreach (var row in rows)
        {
            Upsert(row);
        }
    }

    /// <returns>How many rows were added or changed.</returns>
    public int Apply(IEnumerable<SessionChange> changes, DateTime windowStart)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var changed = changes.Count(change => change.LastSeen >= windowStart && Upsert(LiveRow.From(change)));
        foreach (var old in _rows.Where(r => r.Value.LastSeen < windowStart).Select(r => r.Key).ToList())
        {
            _rows.Remove(old);
        }

        if (_rows.Count > MaxRows)
        {
            foreach (var oldest in _rows.Values.OrderBy(r => r.LastSeen).Take(_rows.Count - MaxRows).ToList())
            {
                _rows.Remove((oldest.ProjectId, oldest.SessionId));
            }
        }

        return changed;
    }

    public IReadOnlyList<LiveRow> Visible(TrustAction? action) =>
        _rows.Values.Where(r => action is null || r.Action == action).OrderByDescending(r => r.LastSeen).ThenBy(r => r.SessionId, StringComparer.Ordinal).ToList();

    private bool Upsert(LiveRow row)
    {
        var key = (row.ProjectId, row.SessionId);
        if (_rows.TryGetValue(key, out var existing) && (existing.LastSeen > row.LastSeen || (existing.LastSeen == row.LastSeen && existing.EventsSeen > row.EventsSeen)))
        {
            return false;
        }

        _rows[key] = row;
        return true;
    }
}
