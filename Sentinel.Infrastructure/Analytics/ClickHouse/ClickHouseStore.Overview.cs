using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>The overview's traffic: the <c>overview_traffic</c> pipe's SQL, rendered here as Tinybird would.</summary>
public sealed partial class ClickHouseStore
{
    public Task<IReadOnlyList<ProjectTrafficBucket>> TrafficAsync(TrafficOverviewQuery query, CancellationToken cancellationToken) =>
        PipeTraffic.QueryAsync(query, RunPipeAsync, cancellationToken);
}
