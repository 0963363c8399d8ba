using Hangfire;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Jobs;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>
/// What an admin does with dead letters from the portal: each request becomes a Hangfire job (it shows, with its
/// result, in the jobs dashboard, and runs on whichever host has a free worker) and an audit entry naming who asked
/// for what and the job's id. The audit records the request; the job's own result says what it found.
/// </summary>
public sealed class DeadLetterActions(IBackgroundJobClient jobs, AuditLog audit, SentinelDbContext db)
{
    /// <summary>The subject of the audit entries for "all" requests.</summary>
    public const string All = "all dead letters";

    /// <returns>The Hangfire job id.</returns>
    public async Task<string> RedriveAsync(string deadLetterId, AuditActor actor, CancellationToken cancellationToken)
    {
        var job = jobs.Enqueue<DeadLetterJob>(j => j.RedriveAsync(deadLetterId, CancellationToken.None));
        return await AuditAsync(actor, AuditActions.DeadLetterRedriven, deadLetterId, job, cancellationToken);
    }

    public async Task<string> DiscardAsync(string deadLetterId, AuditActor actor, CancellationToken cancellationToken)
    {
        var job = jobs.Enqueue<DeadLetterJob>(j => j.DiscardAsync(deadLetterId, CancellationToken.None));
        return await AuditAsync(actor, AuditActions.DeadLetterDiscarded, deadLetterId, job, cancellationToken);
    }

    public async Task<string> RedriveAllAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var job = jobs.Enqueue<DeadLetterJob>(j => j.RedriveAllAsync(CancellationToken.None));
        return await AuditAsync(actor, AuditActions.DeadLetterRedriven, All, job, cancellationToken);
    }

    public async Task<string> DiscardAllAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var job = jobs.Enqueue<DeadLetterJob>(j => j.DiscardAllAsync(CancellationToken.None));
        return await AuditAsync(actor, AuditActions.DeadLetterDiscarded, All, job, cancellationToken);
    }

    private async Task<string> AuditAsync(AuditActor actor, string action, string subject, string job, CancellationToken cancellationToken)
    {
        audit.Record(actor, action, subject, detail: $"Hangfire job {job}");
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }
}
