using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Auditing;

/// <summary>
/// Records changes in the same unit of work as the change itself: the caller's SaveChanges writes both or neither.
/// </summary>
public sealed class AuditLog(SentinelDbContext db, TimeProvider time)
{
    public void Record(AuditActor actor, string action, string subject, Guid? projectId = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.NewGuid(),
            At = time.GetUtcNow().UtcDateTime,
            ActorUserId = actor.UserId,
            Actor = actor.Name,
            Action = action,
            Subject = subject,
            ProjectId = projectId,
            Detail = detail,
        });
    }

    public Task<List<AuditEntry>> RecentAsync(int take, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(a => a.At).Take(take).ToListAsync(cancellationToken);
}
