using System.Globalization;
using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>The overview's traffic: the <c>overview_traffic</c> pipe's answer in DuckDB SQL, one query for every card.</summary>
public sealed partial class EmbeddedAnalyticsStore
{
    public async Task<IReadOnlyList<ProjectTrafficBucket>> TrafficAsync(TrafficOverviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();

        var ids = query.ProjectIds.Distinct().ToList();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // One parameter per project ($p0, $p1, ...): at most TrafficOverviewQuery.MaxProjects of them.
        var list = string.Join(", ", ids.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT project_id, (ts // $bucket) * $bucket AS bucket, count(*),
                   count(*) FILTER (WHERE status >= 400 AND status < 500), count(*) FILTER (WHERE status >= 500)
            FROM api_events WHERE project_id IN ({list}) AND ts >= $from AND ts < $to
            GROUP BY project_id, bucket
            """;
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.Add(new DuckDBParameter("p" + i.ToString(CultureInfo.InvariantCulture), ids[i]));
        }

        command.Parameters.Add(new DuckDBParameter("bucket", (long)query.BucketSeconds));
        command.Parameters.Add(new DuckDBParameter("from", query.FromUnix));
        command.Parameters.Add(new DuckDBParameter("to", query.ToUnix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var buckets = new List<ProjectTrafficBucket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add(new ProjectTrafficBucket(
                reader.GetGuid(0), DateTime.UnixEpoch.AddSeconds(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return ProjectTrafficOrder.Ordered(buckets);
    }
}
