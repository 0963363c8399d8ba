namespace Sentinel.Infrastructure.Ingestion;

/// <summary>Batches per key per second. Production counts in Redis so the limit holds across hosts.</summary>
public interface IIngestRateLimiter
{
    /// <summary>Null when allowed; otherwise how long the caller should wait.</summary>
    /// <exception cref="IngestQueueUnavailableException">The shared counter cannot be reached.</exception>
    Task<TimeSpan?> TryAcquireAsync(Guid keyId, CancellationToken cancellationToken);
}
