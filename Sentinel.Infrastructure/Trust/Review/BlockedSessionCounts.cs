using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>
/// The overview's "sessions blocked today": finished sessions whose verdict (a reviewer's override wins) is BLOCK and
/// whose last batch came after <c>since</c>, per project, counted in the database. Live sessions count once they are
/// finished (<see cref="TrustOptions.IdleTimeout"/> after their last batch).
/// </summary>
public static class BlockedSessionCounts
{
    public static async Task<Dictionary<Guid, int>> BlockedSinceAsync(this SentinelDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<TrustSessionSummary>().AsNoTracking()
            .Where(s => s.LastSeen >= since && (s.OverrideAction ?? s.Action) == TrustAction.Block)
            .GroupBy(s => s.ProjectId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
