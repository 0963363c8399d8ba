using System.Data.Common;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>
/// The six dashboard queries in DuckDB SQL, written to give exactly what the Tinybird pipes give on ClickHouse
/// (same filters, orders and limits), latency quantiles included (<see cref="ExactLatency"/>). They run one after the
/// other on one connection: DuckDB already spreads each query over the cores.
/// </summary>
internal static partial class EmbeddedDashboard
{
    public static async Task<Dashboard> QueryAsync(DuckDBConnection connection, DashboardQuery query, CancellationToken cancellationToken)
    {
        var narrow = (query.Environment is null ? "" : " AND environment = $environment")
            + (query.Method is null ? "" : " AND method = $method")
            + (query.Route is null ? "" : " AND route = $route")
            + (query.ConsumerId is null ? "" : " AND consumer_id = $consumer");
        var filter = "project_id = $project AND ts >= $from AND ts < $to" + narrow;
        var (latency, quantile) = query.EstimatesLatency ? (BucketLatency, (Func<DbDataReader, int, int, double>)BucketQuantile) : (ExactLatency, ElementQuantile);

        var periods = await ReadAsync(connection, query, $"""
            SELECT ts >= $from AS current, count(*), count(*) FILTER (WHERE status >= 400 AND status < 500), count(*) FILTER (WHERE status >= 500),
                   coalesce(sum(request_bytes), 0)::BIGINT, coalesce(sum(response_bytes), 0)::BIGINT, {latency},
                   count(DISTINCT consumer_id) FILTER (WHERE consumer_id != '')
            FROM api_events WHERE project_id = $project AND ts >= $since AND ts < $to{narrow}
            GROUP BY current ORDER BY current DESC
            """, r => (Current: r.GetBoolean(0), Totals: new DashboardTotals(
                r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), quantile(r, 6, 0), quantile(r, 6, 1), quantile(r, 6, 2), r.GetInt64(7))),
            cancellationToken);

        var traffic = await ReadAsync(connection, query, $"""
            SELECT (ts // $bucket) * $bucket AS bucket, count(*),
                   count(*) FILTER (WHERE status >= 400 AND status < 500), count(*) FILTER (WHERE status >= 500), {latency}
            FROM api_events WHERE {filter} GROUP BY bucket ORDER BY bucket
            """, r => new TrafficBucket(
                DateTime.UnixEpoch.AddSeconds(r.GetInt64(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), quantile(r, 4, 0), quantile(r, 4, 1), quantile(r, 4, 2)),
            cancellationToken);

        var routes = await ReadAsync(connection, query, $"""
            SELECT method, route, requests, client_errors, server_errors, latency, avg_request_bytes, avg_response_bytes
            FROM (
                SELECT method, route, count(*) AS requests,
                       count(*) FILTER (WHERE status >= 400 AND status < 500) AS client_errors,
                       count(*) FILTER (WHERE status >= 500) AS server_errors,
                       {latency} AS latency,
                       avg(request_bytes) AS avg_request_bytes, avg(response_bytes) AS avg_response_bytes
                FROM api_events WHERE {filter} GROUP BY method, route)
            ORDER BY requests DESC, method, route LIMIT {DashboardQuery.RouteLimit}
            """, r => new RouteStats(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
                quantile(r, 5, 0), quantile(r, 5, 1), quantile(r, 5, 2), r.GetDouble(6), r.GetDouble(7)), cancellationToken);

        var consumers = await ReadAsync(connection, query, $"""
            SELECT consumer_id, count(*) AS requests, count(*) FILTER (WHERE status >= 400)
            FROM api_events WHERE {filter} AND consumer_id != ''
            GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT {DashboardQuery.ConsumerLimit}
            """, r => new ConsumerStats(r.GetString(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);

        var statuses = await ReadAsync(connection, query, $"""
            SELECT status, count(*) FROM api_events WHERE {filter} GROUP BY status ORDER BY status
            """, r => new StatusCount(r.GetInt32(0), r.GetInt64(1)), cancellationToken);

        var environments = await ReadAsync(connection, query, $"""
            SELECT environment, count(*) AS requests FROM api_events WHERE project_id = $project AND ts >= $from AND ts < $to
            GROUP BY environment ORDER BY requests DESC, environment LIMIT {DashboardQuery.EnvironmentLimit}
            """, r => new EnvironmentCount(r.GetString(0), r.GetInt64(1)), cancellationToken);

        return new Dashboard(periods.FirstOrDefault(p => p.Current).Totals ?? DashboardTotals.Empty, traffic, routes, consumers, statuses)
        {
            Previous = query.ComparePrevious ? periods.FirstOrDefault(p => !p.Current).Totals ?? DashboardTotals.Empty : null,
            Environments = environments,
        };
    }

    /// <summary>
    /// p50, p95 and p99 as the element ClickHouse's <c>quantilesExact</c> returns. ClickHouse takes the element at
    /// index floor(level × n) of the sorted values; DuckDB's <c>quantile_disc</c> takes index ceil(level × n) − 1, the
    /// same except when level × n is a whole number k, where it takes k − 1 (for p50, every route with an even count).
    /// Asking for level + 10⁻¹² moves that case to k and changes no other: for a level with two decimals the fraction
    /// of level × n is at most 0.99, so adding n × 10⁻¹² never reaches the next integer below ten billion events per
    /// group. Cheaper than sorting each group's durations into a list (about half the time on 1M events, ADR 016);
    /// <c>EmbeddedStoreTests</c> checks the element against <see cref="ExactQuantile"/> for every count from 1 to 400.
    /// </summary>
    private const string ExactLatency = "quantile_disc(duration_ms, [0.5::DOUBLE + 1e-12, 0.95::DOUBLE + 1e-12, 0.99::DOUBLE + 1e-12])";

    /// <summary>
    /// Long views (ADR 031): the same element's latency bucket, floor(ln(max(ms, 0.001)) × 50) as in the other stores'
    /// SQL, which <see cref="LatencyBuckets.Representative"/> turns into milliseconds.
    /// </summary>
    private const string BucketLatency =
        "quantile_disc(floor(ln(greatest(duration_ms, 0.001)) * 50), [0.5::DOUBLE + 1e-12, 0.95::DOUBLE + 1e-12, 0.99::DOUBLE + 1e-12])";

    /// <summary>One element of a quantile list; a group always has rows, so the list is never empty.</summary>
    private static double ElementQuantile(DbDataReader reader, int column, int index) =>
        reader.GetFieldValue<List<double>>(column)[index];

    private static double BucketQuantile(DbDataReader reader, int column, int index) =>
        LatencyBuckets.Representative((int)reader.GetFieldValue<List<double>>(column)[index]);

    private static async Task<List<T>> ReadAsync<T>(DuckDBConnection connection, DashboardQuery query, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var used = Parameter().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in new (string, object?)[]
        {
            ("project", query.ProjectId), ("from", query.FromUnix), ("to", query.ToUnix), ("since", query.TotalsFromUnix),
            ("bucket", (long)query.BucketSeconds), ("environment", query.Environment), ("method", query.Method),
            ("route", query.Route), ("consumer", query.ConsumerId),
        })
        {
            if (used.Contains(name))
            {
                command.Parameters.Add(new DuckDBParameter(name, value));
            }
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    [GeneratedRegex(@"\$(\w+)")]
    private static partial Regex Parameter();
}
