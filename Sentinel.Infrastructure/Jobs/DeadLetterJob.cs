using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>
/// Dead-letter redrive and discard as Hangfire jobs: recurring <c>ingest-dead-letter-redrive</c> (never scheduled;
/// "Trigger now" in the dashboard puts every dead letter back on the queue, e.g. after a fix), and one-off jobs
/// per entry that the portal enqueues (and audits). A redriven entry that still cannot be written comes back.
/// </summary>
public sealed class DeadLetterJob(IIngestQueue queue)
{
    public const string RecurringId = "ingest-dead-letter-redrive";

    [Hangfire.JobDisplayName("Redrive every dead letter")]
    public async Task<string> RedriveAllAsync(CancellationToken cancellationToken) =>
        $"Redrove {await EachAsync(queue.RedriveAsync, cancellationToken)} dead letters.";

    [Hangfire.JobDisplayName("Discard every dead letter")]
    public async Task<string> DiscardAllAsync(CancellationToken cancellationToken) =>
        $"Discarded {await EachAsync(queue.DiscardAsync, cancellationToken)} dead letters.";

    [Hangfire.JobDisplayName("Redrive dead letter {0}")]
    public async Task<string> RedriveAsync(string deadLetterId, CancellationToken cancellationToken) =>
        await queue.RedriveAsync(deadLetterId, cancellationToken) ? "Back on the queue." : "No longer in the dead letters.";

    [Hangfire.JobDisplayName("Discard dead letter {0}")]
    public async Task<string> DiscardAsync(string deadLetterId, CancellationToken cancellationToken) =>
        await queue.DiscardAsync(deadLetterId, cancellationToken) ? "Discarded." : "No longer in the dead letters.";

    /// <summary>
    /// Applies <paramref name="action"/> to the dead letters there when the job starts, oldest first, and to no more:
    /// a redriven entry that fails again comes back as a new, newer dead letter, which must not keep the job going.
    /// </summary>
    private async Task<int> EachAsync(Func<string, CancellationToken, Task<bool>> action, CancellationToken cancellationToken)
    {
        var remaining = (await queue.StatsAsync(cancellationToken)).DeadLetters;
        var done = 0;
        while (remaining > 0)
        {
            var batch = await queue.DeadLettersAsync((int)Math.Min(500, remaining), cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var dead in batch)
            {
                done += await action(dead.Id, cancellationToken) ? 1 : 0;
            }

            remaining -= batch.Count;
        }

        return done;
    }
}
