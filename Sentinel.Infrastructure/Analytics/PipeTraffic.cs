using System.Globalization;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>The overview's traffic from the <c>overview_traffic</c> pipe, whoever runs it (ClickHouse or Tinybird).</summary>
internal static class PipeTraffic
{
    public static async Task<IReadOnlyList<ProjectTrafficBucket>> QueryAsync(TrafficOverviewQuery query, PipeDashboard.RunPipe run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();

        var parameters = new Dictionary<string, string?>
        {
            ["project_ids"] = string.Join(',', query.ProjectIds.Distinct()),
            ["from_unix"] = query.FromUnix.ToString(CultureInfo.InvariantCulture),
            ["to_unix"] = query.ToUnix.ToString(CultureInfo.InvariantCulture),
            ["bucket_seconds"] = query.BucketSeconds.ToString(CultureInfo.InvariantCulture),
        };
        var rows = await run(TinybirdProject.OverviewTrafficPipe, parameters, cancellationToken);
        return ProjectTrafficOrder.Ordered(rows.Select(row => new ProjectTrafficBucket(
            Guid.Parse(PipeDashboard.Text(row, "project_id")),
            DateTime.UnixEpoch.AddSeconds(PipeDashboard.Long(row, "bucket")),
            PipeDashboard.Long(row, "requests"),
            PipeDashboard.Long(row, "client_errors"),
            PipeDashboard.Long(row, "server_errors"))));
    }
}
