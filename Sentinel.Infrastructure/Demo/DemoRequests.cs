using Hangfire;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Demo;

/// <summary>The portal's "Load demo data": a <see cref="DemoJob"/> in the background, audited when asked (and again by the job when loaded).</summary>
public sealed class DemoRequests(IBackgroundJobClient jobs, AuditLog audit, SentinelDbContext db)
{
    /// <returns>The Hangfire job id.</returns>
    public async Task<string> RequestAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var job = jobs.Enqueue<DemoJob>(j => j.RunAsync(actor.UserId, actor.Name, CancellationToken.None));
        audit.Record(actor, AuditActions.DemoDataRequested, DemoLoader.ProjectName, detail: $"Hangfire job {job}");
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }
}
