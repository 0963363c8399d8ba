using System.Data.Common;
using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>
/// The five dashboard queries in DuckDB SQL, written to give exactly what the Tinybird pipes give on ClickHouse
/// (same filters, orders and limits). Latency quantiles follow ClickHouse's <c>quantilesExact</c>: the element at
/// index floor(level × n) of the sorted durations, the product taken in double precision as ClickHouse does. DuckDB's
/// own <c>quantile_disc</c> takes the element at ceil(level × n) − 1 and <c>quantile_cont</c> interpolates, so
/// neither would agree with the other stores (ADR 016); the sorted list per route gives the very same element.
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
            WITH per_route AS (
                SELECT method, route, count(*) AS requests,
                       count(*) FILTER (WHERE status >= 400 AND status < 500) AS client_errors,
                       count(*) FILTER (WHERE status >= 500) AS server_errors,
                       list_sort(list(duration_ms)) AS durations,
                       avg(request_bytes) AS avg_request_bytes, avg(response_bytes) AS avg_response_bytes
                FROM api_events WHERE {filter} GROUP BY method, route)
            SELECT method, route, requests, client_errors, server_errors,
                   durations[floor(requests::DOUBLE * 0.5::DOUBLE)::BIGINT + 1],
                   durations[floor(requests::DOUBLE * 0.95::DOUBLE)::BIGINT + 1],
                   durations[floor(requests::DOUBLE * 0.99::DOUBLE)::BIGINT + 1],
                   avg_request_bytes, avg_response_bytes
            FROM per_route ORDER BY requests DESC, method, route LIMIT {DashboardQuery.RouteLimit}
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
