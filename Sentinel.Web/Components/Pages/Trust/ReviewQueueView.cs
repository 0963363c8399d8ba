using Sentinel.Infrastructure.Trust.Review;

namespace Sentinel.Web.Components.Pages.Trust;

/// <summary>Which part of the queue a reviewer looks at.</summary>
public enum ReviewShow
{
    All,
    Unassigned,
    Mine,
}

/// <summary>The review list's rules: oldest first, and the All / Unassigned / Mine views.</summary>
public static class ReviewQueueView
{
    public static IReadOnlyList<ReviewItem> Visible(IEnumerable<ReviewItem> items, ReviewShow show, string? myId)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items
            .Where(i => show switch
            {
                ReviewShow.Unassigned => !i.IsAssigned,
                ReviewShow.Mine => i.AssigneeId is not null && i.AssigneeId == myId,
                _ => true,
            })
            .OrderBy(i => i.LastSeen)
            .ThenBy(i => i.SessionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"3 min", "2 h", "4 d": how long an item has waited.</summary>
    public static string Waiting(DateTime since, DateTime now)
    {
        var wait = now - since;
        return wait.TotalMinutes < 1 ? "just now"
            : wait.TotalHours < 1 ? $"{(int)wait.TotalMinutes} min"
            : wait.TotalDays < 1 ? $"{(int)wait.TotalHours} h"
            : $"{(int)wait.TotalDays} d";
    }

    /// <summary>A session id short enough for a heading or a table cell; the full id is shown next to it where it matters.</summary>
    public static string ShortSessionId(string sessionId) => sessionId.Length > 14 ? sessionId[..14] + "…" : sessionId;

    public static string ShortHash(string? userHash) => userHash is null ? "—" : userHash.Length > 10 ? userHash[..10] + "…" : userHash;
}
