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

    /// <summary>One page of entries, filtered and sorted in the database (the log grows without bound).</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            // Lower-casing both sides compares case-insensitively on SQLite and PostgreSQL alike.
            var actor = query.Actor.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture overloads are not translatable
            entries = entries.Where(a => a.Actor.ToLower().Contains(actor));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(a => a.Action == query.Action);
        }

        if (query.ProjectId is { } projectId)
        {
            entries = entries.Where(a => a.ProjectId == projectId);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(a => a.At < to);
        }

        var total = await entries.CountAsync(cancellationToken);
        var sorted = (query.SortBy, query.Descending) switch
        {
            (nameof(AuditEntry.Actor), false) => entries.OrderBy(a => a.Actor).ThenByDescending(a => a.At),
            (nameof(AuditEntry.Actor), true) => entries.OrderByDescending(a => a.Actor).ThenByDescending(a => a.At),
            (nameof(AuditEntry.Action), false) => entries.OrderBy(a => a.Action).ThenByDescending(a => a.At),
            (nameof(AuditEntry.Action), true) => entries.OrderByDescending(a => a.Action).ThenByDescending(a => a.At),
            (nameof(AuditEntry.Subject), false) => entries.OrderBy(a => a.Subject).ThenByDescending(a => a.At),
            (nameof(AuditEntry.Subject), true) => entries.OrderByDescending(a => a.Subject).ThenByDescending(a => a.At),
            (_, false) => entries.OrderBy(a => a.At),
            _ => entries.OrderByDescending(a => a.At),
        };
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        var page = await sorted.Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(cancellationToken);
        return new AuditPage(page, total);
    }
}
