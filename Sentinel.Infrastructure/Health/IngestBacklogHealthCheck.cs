using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Infrastructure.Health;

/// <summary>
/// Degraded when the oldest queued batch is older than <see cref="WorkerOptions.LagDegradedAfter"/>: events are
/// accepted but the dashboards fall behind (a store outage, too few workers). A down queue is the Redis check's
/// business; this one then says it cannot tell.
/// </summary>
internal sealed class IngestBacklogHealthCheck(IIngestQueue queue, IOptions<WorkerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        QueueStats stats;
        try
        {
            stats = await queue.StatsAsync(cancellationToken);
        }
        catch (IngestQueueUnavailableException)
        {
            return HealthCheckResult.Healthy("The queue cannot be read; see the redis check.");
        }

        var data = new Dictionary<string, object>
        {
            ["length"] = stats.Length,
            ["pending"] = stats.Pending,
            ["deadLetters"] = stats.DeadLetters,
            ["lagSeconds"] = Math.Round(stats.OldestAge.TotalSeconds, 1),
        };
        var limit = options.Value.LagDegradedAfter;
        return stats.OldestAge > limit
            ? HealthCheckResult.Degraded($"The oldest queued batch is {stats.OldestAge.TotalSeconds:F0} s old (limit {limit.TotalSeconds:F0} s): the drain lags.", data: data)
            : HealthCheckResult.Healthy($"{stats.Length} batches queued, lag {stats.OldestAge.TotalSeconds:F1} s.", data);
    }
}
