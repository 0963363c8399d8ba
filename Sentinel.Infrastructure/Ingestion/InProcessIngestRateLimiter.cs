using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>The embedded mode's limiter: one fixed one-second window per key, in this process (there is one host).</summary>
public sealed class InProcessIngestRateLimiter(IOptions<IngestOptions> options) : IIngestRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(keyId =>
        RateLimitPartition.GetFixedWindowLimiter(keyId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.BatchesPerKeyPerSecond,
            Window = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));

    public Task<TimeSpan?> TryAcquireAsync(Guid keyId, CancellationToken cancellationToken)
    {
        using var lease = _limiter.AttemptAcquire(keyId);
        if (lease.IsAcquired)
        {
            return Task.FromResult<TimeSpan?>(null);
        }

        return Task.FromResult<TimeSpan?>(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _limiter.Dispose();
}
