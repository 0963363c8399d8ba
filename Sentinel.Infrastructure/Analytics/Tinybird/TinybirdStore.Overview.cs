using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>The overview's traffic from the published <c>overview_traffic</c> pipe.</summary>
public sealed partial class TinybirdStore
{
    public Task<IReadOnlyList<ProjectTrafficBucket>> TrafficAsync(TrafficOverviewQuery query, CancellationToken cancellationToken) =>
        PipeTraffic.QueryAsync(query, RunPipeAsync, cancellationToken);
}
