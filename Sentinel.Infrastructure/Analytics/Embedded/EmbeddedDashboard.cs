using System.Data.Common;
using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>
/// The five dashboard queries in DuckDB SQL, written to give exactly what the Tinybird pipes give on ClickHouse
/// (same filters, orders and limits), latency quantiles included (<see cref="ClickHouseLevel"/>).
/// </summary>
internal static class EmbeddedDashboard
{
    public static async Task<Dashboard> QueryAsync(DuckDBConnection connection, DashboardQuery query, CancellationToken cancellationToken)
    {
        var filter = "project_id = $project AND ts >= $from AND ts < $to" + (query.Environment is null ? "" : " AND environment = $environment");

        var totals = (await ReadAsync(connection, query, $"""
            SELECT count(*), count(*) FILTER (WHERE status >= 400 AND status < 500), count(*) FILTER (WHERE status >= 500),
                   coalesce(sum(request_bytes), 0)::BIGINT, coalesce(sum(response_bytes), 0)::BIGINT
            FROM api_events WHERE {filter}
            """, r => new DashboardTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken))[0];

        var traffic = await ReadAsync(connection, query, $"""
            SELECT (ts // $bucket) * $bucket AS bucket, count(*),
                   count(*) FILTER (WHERE status >= 400 AND status < 500), count(*) FILTER (WHERE status >= 500)
            FROM api_events WHERE {filter} GROUP BY bucket ORDER BY bucket
            """, r => new TrafficBucket(DateTime.UnixEpoch.AddSeconds(r.GetInt64(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken);

        var routes = await ReadAsync(connection, query, $"""
            SELECT method, route, requests, client_errors, server_errors, latency[1], latency[2], latency[3], avg_request_bytes, avg_response_bytes
            FROM (
                SELECT method, route, count(*) AS requests,
                       count(*) FILTER (WHERE status >= 400 AND status < 500) AS client_errors,
                       count(*) FILTER (WHERE status >= 500) AS server_errors,
                       quantile_disc(duration_ms, [{ClickHouseLevel(0.5)}, {ClickHouseLevel(0.95)}, {ClickHouseLevel(0.99)}]) AS latency,
                       avg(request_bytes) AS avg_request_bytes, avg(response_bytes) AS avg_response_bytes
                FROM api_events WHERE {filter} GROUP BY method, route)
            ORDER BY requests DESC, method, route LIMIT {DashboardQuery.RouteLimit}
            """, r => new RouteStats(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
                r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9)), cancellationToken);

        var consumers = await ReadAsync(connection, query, $"""
            SELECT consumer_id, count(*) AS requests, count(*) FILTER (WHERE status >= 400)
            FROM api_events WHERE {filter} AND consumer_id != ''
            GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT {DashboardQuery.ConsumerLimit}
            """, r => new ConsumerStats(r.GetString(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);

        var statuses = await ReadAsync(connection, query, $"""
            SELECT status, count(*) FROM api_events WHERE {filter} GROUP BY status ORDER BY status
            """, r => new StatusCount(r.GetInt32(0), r.GetInt64(1)), cancellationToken);

        return new Dashboard(totals, traffic, routes, consumers, statuses);
    }

    /// <summary>
    /// The level to give DuckDB's <c>quantile_disc</c> so that it returns the element ClickHouse's
    /// <c>quantilesExact</c> returns. ClickHouse takes the element at index floor(level × n) of the sorted values;
    /// <c>quantile_disc</c> takes index ceil(level × n) − 1, the same except when level × n is a whole number k,
    /// where it takes k − 1 (for p50, every route with an even count). Asking for level + 10⁻¹² moves that case to
    /// k and changes no other: for a level with two decimals the fraction of level × n is at most 0.99, so adding
    /// n × 10⁻¹² never reaches the next integer below ten billion events per route. Cheaper than sorting each
    /// route's durations into a list (about half the time on 1M events, ADR 016);
    /// <c>EmbeddedStoreTests</c> checks the element against <see cref="ExactQuantile"/> for every count from 1 to 400.
    /// </summary>
    private static string ClickHouseLevel(double level) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{level}::DOUBLE + 1e-12");

    private static async Task<List<T>> ReadAsync<T>(DuckDBConnection connection, DashboardQuery query, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter("project", query.ProjectId));
        command.Parameters.Add(new DuckDBParameter("from", query.FromUnix));
        command.Parameters.Add(new DuckDBParameter("to", query.ToUnix));
        if (sql.Contains("$bucket", StringComparison.Ordinal))
        {
            command.Parameters.Add(new DuckDBParameter("bucket", (long)query.BucketSeconds));
        }

        if (query.Environment is not null)
        {
            command.Parameters.Add(new DuckDBParameter("environment", query.Environment));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
