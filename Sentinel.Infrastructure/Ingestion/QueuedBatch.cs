namespace Sentinel.Infrastructure.Ingestion;

/// <summary>What the endpoint queues: a project and the JSON array of its events that passed validation.</summary>
public sealed record QueuedBatch(Guid ProjectId, ReadOnlyMemory<byte> EventsJson);

/// <summary>A queued batch as a worker receives it. <see cref="Batch"/> is null when the entry cannot be decoded.</summary>
public sealed record QueueEntry(string Id, QueuedBatch? Batch, long Deliveries);

/// <summary>The queue's health for the portal and readiness: waiting and in-flight entries, dead letters, age of the oldest.</summary>
public sealed record QueueStats(long Length, long Pending, long DeadLetters, TimeSpan OldestAge);
