using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>Recurring job <c>analytics-retention</c>: deletes each project's events older than its retention.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IAnalyticsStore store, TimeProvider time)
{
    public const string RecurringId = "analytics-retention";

    /// <summary>One pass over all projects.</summary>
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task EnforceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var projects = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.RetentionDays }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var project in projects)
        {
            await store.DeleteBeforeAsync(project.Id, now.AddDays(-project.RetentionDays), cancellationToken);
        }
    }
}
