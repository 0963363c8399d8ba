namespace Sentinel.Infrastructure.Ingestion;

/// <summary>A consumer (one drain worker) of the queue: the entries it holds unacknowledged and how long it has been idle.</summary>
public sealed record ConsumerPending(string Consumer, long Pending, TimeSpan Idle);
