using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Failed key attempts per client address, in a one-minute window on this host. Past the limit, keys this host has
/// not cached are refused (429) without a database read until the window ends: guessing is slowed, and a flood of
/// made-up keys cannot turn into a flood of queries. Keys already cached keep working, so one misconfigured service
/// behind a shared address does not lock out the others for long.
/// </summary>
public sealed class FailedKeyAttempts(IOptions<KeyOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.FailedAttemptsPerMinute),
            Window = Window,
            QueueLimit = 0,
        }));

    public bool IsBlocked(string client) => _failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void RecordFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client);
    }

    public void Dispose() => _failures.Dispose();
}
