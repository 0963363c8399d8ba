using Microsoft.Data.Sqlite;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;

namespace Sentinel.Benchmarks.Embedded;

/// <summary>
/// The embedded store before ADR 016, kept only as the baseline of the dashboard benchmark: a SQLite file beside the app database. The primary key (project, second, id) with
/// INSERT OR IGNORE makes writes idempotent; latency quantiles are computed here with ClickHouse's
/// <c>quantileExact</c> definition (<see cref="ExactQuantile"/>) so the dashboards match the other stores exactly.
/// Meant for small installs: a route's durations in the range are read into memory to take its quantiles.
/// </summary>
public sealed class SqliteAnalyticsStore(string connectionString) : IAnalyticsStore
{
    private const string Filter = "project_id = $project AND ts >= $from AND ts < $to AND ($environment IS NULL OR environment = $environment)";

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS api_events (
                project_id TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, environment TEXT NOT NULL,
                method TEXT NOT NULL, host TEXT NOT NULL, path TEXT NOT NULL, route TEXT NOT NULL, status INTEGER NOT NULL,
                duration_ms REAL NOT NULL, request_bytes INTEGER NOT NULL, response_bytes INTEGER NOT NULL,
                consumer_id TEXT NOT NULL, ip TEXT NOT NULL, user_agent TEXT NOT NULL, sdk_name TEXT NOT NULL,
                sdk_version TEXT NOT NULL, headers TEXT NOT NULL, error TEXT NOT NULL,
                PRIMARY KEY (project_id, ts, id)) WITHOUT ROWID
            """, cancellationToken);
    }

    public async Task WriteAsync(Sentinel.Domain.Analytics.Rows.ApiEventRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var events = rows.ToEvents();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO api_events VALUES ($project, $id, $ts, $environment, $method, $host, $path, $route, $status,
                $duration, $requestBytes, $responseBytes, $consumer, $ip, $userAgent, $sdkName, $sdkVersion, $headers, $error)
            """;
        var names = new[] { "$project", "$id", "$ts", "$environment", "$method", "$host", "$path", "$route", "$status", "$duration", "$requestBytes", "$responseBytes", "$consumer", "$ip", "$userAgent", "$sdkName", "$sdkVersion", "$headers", "$error" };
        var parameters = names.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var e in events)
        {
            object[] values =
            [
                e.ProjectId.ToString(), e.Id, UnixTime.Seconds(e.Timestamp), e.Environment, e.Method, e.Host, e.Path, e.Route, e.Status,
                e.DurationMs, e.RequestBytes, e.ResponseBytes, e.ConsumerId, e.Ip, e.UserAgent, e.SdkName, e.SdkVersion, e.HeadersJson, e.Error,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);

        var totals = (await ReadAsync(connection, query, $"""
            SELECT count(*), coalesce(sum(status >= 400 AND status < 500), 0), coalesce(sum(status >= 500), 0),
                   coalesce(sum(request_bytes), 0), coalesce(sum(response_bytes), 0)
            FROM api_events WHERE {Filter}
            """, r => new DashboardTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken))[0];

        var traffic = await ReadAsync(connection, query, $"""
            SELECT (ts / $bucket) * $bucket AS bucket, count(*), sum(status >= 400 AND status < 500), sum(status >= 500)
            FROM api_events WHERE {Filter} GROUP BY bucket ORDER BY bucket
            """, r => new TrafficBucket(DateTime.UnixEpoch.AddSeconds(r.GetInt64(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken);

        var consumers = await ReadAsync(connection, query, $"""
            SELECT consumer_id, count(*) AS requests, sum(status >= 400)
            FROM api_events WHERE {Filter} AND consumer_id != ''
            GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT {DashboardQuery.ConsumerLimit}
            """, r => new ConsumerStats(r.GetString(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);

        var statuses = await ReadAsync(connection, query, $"""
            SELECT status, count(*) FROM api_events WHERE {Filter} GROUP BY status ORDER BY status
            """, r => new StatusCount(r.GetInt32(0), r.GetInt64(1)), cancellationToken);

        var routes = await RoutesAsync(connection, query, cancellationToken);
        return new Dashboard(totals, traffic, routes, consumers, statuses);
    }

    public async Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM api_events WHERE project_id = $project AND ts < $cutoff";
        delete.Parameters.AddWithValue("$project", projectId.ToString());
        delete.Parameters.AddWithValue("$cutoff", UnixTime.Seconds(cutoff));
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<RouteStats>> RoutesAsync(SqliteConnection connection, DashboardQuery query, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(connection, query, $"""
            SELECT method, route, status, duration_ms, request_bytes, response_bytes
            FROM api_events WHERE {Filter} ORDER BY method, route, duration_ms
            """, r => (Method: r.GetString(0), Route: r.GetString(1), Status: r.GetInt32(2), Duration: r.GetDouble(3), RequestBytes: r.GetInt64(4), ResponseBytes: r.GetInt64(5)), cancellationToken);

        return rows.GroupBy(r => (r.Method, r.Route))
            .Select(route =>
            {
                var durations = route.Select(r => r.Duration).ToList();
                var count = durations.Count;
                return new RouteStats(
                    route.Key.Method,
                    route.Key.Route,
                    count,
                    route.Count(r => r.Status is >= 400 and < 500),
                    route.Count(r => r.Status >= 500),
                    ExactQuantile.Of(durations, 0.5),
                    ExactQuantile.Of(durations, 0.95),
                    ExactQuantile.Of(durations, 0.99),
                    (double)route.Sum(r => r.RequestBytes) / count,
                    (double)route.Sum(r => r.ResponseBytes) / count);
            })
            .OrderByDescending(r => r.Requests).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal)
            .Take(DashboardQuery.RouteLimit)
            .ToList();
    }

    private static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, DashboardQuery query, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$project", query.ProjectId.ToString());
        command.Parameters.AddWithValue("$from", query.FromUnix);
        command.Parameters.AddWithValue("$to", query.ToUnix);
        command.Parameters.AddWithValue("$environment", (object?)query.Environment ?? DBNull.Value);
        command.Parameters.AddWithValue("$bucket", query.BucketSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
