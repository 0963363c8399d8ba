namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// The at-least-once queue between the ingestion endpoint and the workers: a Redis stream read through a consumer
/// group in production, <see cref="InProcessIngestQueue"/> with the same semantics in embedded mode. An entry is
/// delivered to one consumer, stays pending until acknowledged, can be claimed by another consumer once it has been
/// idle for long enough, and counts its deliveries.
/// </summary>
public interface IIngestQueue
{
    /// <summary>
    /// Counts the batch against its key's <see cref="Configuration.IngestOptions.BatchesPerKeyPerSecond"/> and, when
    /// within it, queues the batch, in one step (in Redis one script, so ingestion costs one round trip and the limit
    /// holds across hosts). Null when queued; otherwise nothing was queued and this is how long the key should wait.
    /// The batch's rows may live in a pooled buffer that the endpoint reuses once the returned task has completed:
    /// an implementation copies what it keeps (both queues encode the entry before they return).
    /// </summary>
    /// <exception cref="IngestQueueUnavailableException">The queue cannot take the batch now (down or full).</exception>
    Task<TimeSpan?> EnqueueAsync(QueuedBatch batch, Guid keyId, CancellationToken cancellationToken);

    /// <summary>Entries never delivered before, now delivered to <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count, CancellationToken cancellationToken);

    /// <summary>Entries delivered (to anyone) but unacknowledged for at least <paramref name="idle"/>, now delivered to <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<QueueEntry>> ClaimStaleAsync(string consumer, TimeSpan idle, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the queue that <paramref name="consumer"/> still works on these entries (it holds them through a store
    /// outage), so they are not claimed as a dead worker's; their delivery counts do not change.
    /// </summary>
    Task RenewAsync(string consumer, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Done: the entries leave the queue.</summary>
    Task AcknowledgeAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Moves an entry that can never be written to the dead letters, with its raw bytes and the reason, and removes it from the queue.</summary>
    Task DeadLetterAsync(QueueEntry entry, string reason, CancellationToken cancellationToken);

    Task<QueueStats> StatsAsync(CancellationToken cancellationToken);

    /// <summary>The dead letters, oldest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count, CancellationToken cancellationToken);

    /// <summary>Puts a dead letter back on the queue as a new entry, its bytes unchanged; false when it is no longer there.</summary>
    Task<bool> RedriveAsync(string deadLetterId, CancellationToken cancellationToken);

    /// <summary>Deletes a dead letter for good; false when it is no longer there.</summary>
    Task<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken);
}
