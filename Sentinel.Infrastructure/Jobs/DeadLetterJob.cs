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
    public async Task<string> RedriveAllAsync(CancellationToken cancellationToken)
    {
        var redriven = 0;
        IReadOnlyList<DeadLetter> batch;
        do
        {
            batch = await queue.DeadLettersAsync(500, cancellationToken);
            foreach (var dead in batch)
            {
                redriven += await queue.RedriveAsync(dead.Id, cancellationToken) ? 1 : 0;
            }
        }
        while (batch.Count == 500);

        return $"Redrove {redriven} dead letters.";
    }

    /// <summary>Deletes every dead letter that is there when the job runs (the portal's "Discard all"); later ones stay.</summary>
    [Hangfire.JobDisplayName("Discard every dead letter")]
    public async Task<string> DiscardAllAsync(CancellationToken cancellationToken)
    {
        var discarded = 0;
        IReadOnlyList<DeadLetter> batch;
        do
        {
            batch = await queue.DeadLettersAsync(500, cancellationToken);
            foreach (var dead in batch)
            {
                discarded += await queue.DiscardAsync(dead.Id, cancellationToken) ? 1 : 0;
            }
        }
        while (batch.Count == 500);

        return $"Discarded {discarded} dead letters.";
    }

    [Hangfire.JobDisplayName("Redrive dead letter {0}")]
    public async Task<string> RedriveAsync(string deadLetterId, CancellationToken cancellationToken) =>
        await queue.RedriveAsync(deadLetterId, cancellationToken) ? "Back on the queue." : "No longer in the dead letters.";

    [Hangfire.JobDisplayName("Discard dead letter {0}")]
    public async Task<string> DiscardAsync(string deadLetterId, CancellationToken cancellationToken) =>
        await queue.DiscardAsync(deadLetterId, cancellationToken) ? "Discarded." : "No longer in the dead letters.";
}
