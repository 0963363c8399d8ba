using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>
/// The overview's "sessions blocked today", per project: sessions whose last batch came after <c>since</c> and whose
/// verdict (a reviewer's override wins) is BLOCK, live or finished. A session is counted once with its latest state:
/// a live one from the hot store (its current action), else its summary in the app database. So a live BLOCK counts at
/// once, still once after it finishes (<see cref="TrustOptions.IdleTimeout"/> after its last batch), and a finished
/// session that gets another batch counts as what it is now.
/// </summary>
public static class BlockedSessionCounts
{
    /// <summary>
    /// The newest live sessions read (their meta, one pipelined round): past this many live at once, the older ones
    /// count when they finish. Bounds what the overview reads from the hot store.
    /// </summary>
    public const int MaxLiveSessions = 2000;

    /// <summary>Live and finished sessions (see the class). When the hot store cannot be reached, finished ones only.</summary>
    public static async Task<Dictionary<Guid, int>> BlockedSinceAsync(this SentinelDbContext db, ITrustSessionStore live, DateTime since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        IReadOnlyList<(TrustSessionKey Key, SessionMeta Meta)> sessions;
        try
        {
            sessions = await live.RecentSessionsAsync(since, MaxLiveSessions, cancellationToken);
        }
        catch (TrustStateUnavailableException)
        {
            sessions = [];
        }

        var counts = await db.BlockedSinceAsync(since, cancellationToken);
        if (sessions.Count == 0)
        {
            return counts;
        }

        // Finished BLOCKs that are live again count with their live state below, not as finished.
        var liveKeys = sessions.Select(s => (s.Key.ProjectId, s.Key.SessionId)).ToHashSet();
        var ids = liveKeys.Select(k => k.SessionId).Distinct().ToList();
        var alsoFinished = await Blocked(db, since).Where(s => ids.Contains(s.SessionId))
            .Select(s => new { s.ProjectId, s.SessionId }).ToListAsync(cancellationToken);
        foreach (var finished in alsoFinished.Where(f => liveKeys.Contains((f.ProjectId, f.SessionId))))
        {
            counts[finished.ProjectId]--;
        }

        foreach (var (key, meta) in sessions.Where(s => s.Meta.EffectiveAction == TrustAction.Block))
        {
            counts[key.ProjectId] = counts.GetValueOrDefault(key.ProjectId) + 1;
        }

        return counts.Where(c => c.Value > 0).ToDictionary();
    }

    /// <summary>Finished sessions only, counted in the database.</summary>
    public static async Task<Dictionary<Guid, int>> BlockedSinceAsync(this SentinelDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Blocked(db, since)
            .GroupBy(s => s.ProjectId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    private static IQueryable<TrustSessionSummary> Blocked(SentinelDbContext db, DateTime since) =>
        db.Set<TrustSessionSummary>().AsNoTracking().Where(s => s.LastSeen >= since && (s.OverrideAction ?? s.Action) == TrustAction.Block);
}
