using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>What the endpoint queues: a project and its events that passed validation, already in the stores' row form.</summary>
public sealed record QueuedBatch(Guid ProjectId, ApiEventRows Rows);

/// <summary>
/// A queued batch as a worker receives it. <see cref="Batch"/> is null when the entry cannot be decoded;
/// <see cref="Raw"/> holds the bytes as queued, so a dead letter keeps exactly what could not be read.
/// </summary>
public sealed record QueueEntry(string Id, QueuedBatch? Batch, long Deliveries, byte[]? Raw = null);

/// <summary>
/// The queue's health for the portal, metrics and readiness: entries not yet written (waiting or in flight), of which
/// delivered but unacknowledged, dead letters, and the age of the oldest entry not yet written (the drain's lag).
/// </summary>
public sealed record QueueStats(long Length, long Pending, long DeadLetters, TimeSpan OldestAge);

/// <summary>An entry set aside because it can never be written: its id in the dead letters, the queue entry's id, why, its raw bytes and when.</summary>
public sealed record DeadLetter(string Id, string EntryId, string Reason, byte[] Raw, DateTimeOffset DeadAt);
