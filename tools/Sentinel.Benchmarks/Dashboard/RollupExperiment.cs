using System.Diagnostics;
using System.Globalization;

namespace Sentinel.Benchmarks.Dashboard;

/// <summary>
/// ADR 025's experiment, not the product's design: the 7-day and 30-day dashboards read from hourly rollups instead
/// of the raw events. The rollups are built once from <c>api_events FINAL</c> (so duplicates are counted once here),
/// as an hourly job would; latency quantiles become t-digest estimates and distinct consumers an estimate (uniq).
/// Six queries at once, like the store's pipes; prints one RESULT line per range with the p95 of the runs.
/// </summary>
internal static class RollupExperiment
{
    private const string Routes = """
        CREATE TABLE api_events_hourly_routes (
            project_id String, hour DateTime, environment String, method String, route String,
            requests AggregateFunction(count), client_errors AggregateFunction(sum, UInt64), server_errors AggregateFunction(sum, UInt64),
            request_bytes AggregateFunction(sum, UInt64), response_bytes AggregateFunction(sum, UInt64),
            latency AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64), consumers AggregateFunction(uniq, String))
        ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, environment, method, route)
        """;

    private const string FillRoutes = """
        INSERT INTO api_events_hourly_routes
        SELECT project_id, toStartOfHour(timestamp) AS hour, environment, method, route,
            countState(), sumState(toUInt64(status >= 400 AND status < 500)), sumState(toUInt64(status >= 500)),
            sumState(request_bytes), sumState(response_bytes), quantilesTDigestState(0.5, 0.95, 0.99)(duration_ms),
            uniqState(if(consumer_id = '', NULL, consumer_id))
        FROM api_events FINAL GROUP BY project_id, hour, environment, method, route
        """;

    private const string Statuses = """
        CREATE TABLE api_events_hourly_statuses (project_id String, hour DateTime, environment String, status UInt16, requests UInt64)
        ENGINE = SummingMergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, environment, status)
        """;

    private const string FillStatuses = """
        INSERT INTO api_events_hourly_statuses
        SELECT project_id, toStartOfHour(timestamp) AS hour, environment, status, count() FROM api_events FINAL GROUP BY project_id, hour, environment, status
        """;

    private const string Consumers = """
        CREATE TABLE api_events_daily_consumers (project_id String, day Date, environment String, consumer_id String, requests UInt64, errors UInt64)
        ENGINE = SummingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (project_id, day, environment, consumer_id)
        """;

    private const string FillConsumers = """
        INSERT INTO api_events_daily_consumers
        SELECT project_id, toDate(timestamp) AS day, environment, consumer_id, count(), countIf(status >= 400)
        FROM api_events FINAL WHERE consumer_id != '' GROUP BY project_id, day, environment, consumer_id
        """;

    public static async Task RunAsync(Func<string, Task<string>> execute, Guid project, DateTime end, int runs)
    {
        var build = Stopwatch.StartNew();
        foreach (var sql in new[] { Routes, FillRoutes, Statuses, FillStatuses, Consumers, FillConsumers, "OPTIMIZE TABLE api_events_hourly_routes FINAL" })
        {
            await execute(sql);
        }

        var built = build.Elapsed;
        var rows = (await execute("SELECT count() FROM api_events_hourly_routes")).Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rollups built in {built.TotalSeconds:F1} s; {rows} route-hours"));
        foreach (var (name, days, bucket) in new[] { ("7d", 7, 3600), ("30d", 30, 21_600) })
        {
            var from = UnixSeconds(end.AddDays(-days));
            var to = UnixSeconds(end);
            var where = $"project_id = '{project}' AND hour >= toDateTime({from}) AND hour < toDateTime({to})";
            var queries = new[]
            {
                $"SELECT countMerge(requests), sumMerge(client_errors), sumMerge(server_errors), sumMerge(request_bytes), sumMerge(response_bytes), quantilesTDigestMerge(0.5, 0.95, 0.99)(latency), uniqMerge(consumers) FROM api_events_hourly_routes WHERE {where} FORMAT JSON",
                $"SELECT intDiv(toUInt32(hour), {bucket}) * {bucket} AS bucket, countMerge(requests), sumMerge(client_errors), sumMerge(server_errors), quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) FROM api_events_hourly_routes WHERE {where} GROUP BY bucket ORDER BY bucket FORMAT JSON",
                $"SELECT method, route, countMerge(requests) AS r, sumMerge(client_errors), sumMerge(server_errors), quantilesTDigestMerge(0.5, 0.95, 0.99)(latency), sumMerge(request_bytes) / r, sumMerge(response_bytes) / r FROM api_events_hourly_routes WHERE {where} GROUP BY method, route ORDER BY r DESC LIMIT 200 FORMAT JSON",
                $"SELECT status, sum(requests) FROM api_events_hourly_statuses WHERE {where} GROUP BY status ORDER BY status FORMAT JSON",
                $"SELECT environment, sum(requests) AS r FROM api_events_hourly_statuses WHERE {where} GROUP BY environment ORDER BY r DESC FORMAT JSON",
                $"SELECT consumer_id, sum(requests) AS r, sum(errors) FROM api_events_daily_consumers WHERE project_id = '{project}' AND day >= toDate(toDateTime({from})) AND day < toDate(toDateTime({to})) GROUP BY consumer_id ORDER BY r DESC, consumer_id LIMIT 50 FORMAT JSON",
            };
            await Task.WhenAll(queries.Select(execute)); // warm-up
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(queries.Select(execute));
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var p95 = times[Math.Clamp((int)Math.Ceiling(0.95 * times.Count) - 1, 0, times.Count - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT store=clickhouse-hourly-rollups range={name} median_ms={times[times.Count / 2]:F0} p95_ms={p95:F0} runs={runs}"));
        }
    }

    private static long UnixSeconds(DateTime value) => Sentinel.Domain.Analytics.UnixTime.Seconds(value);
}
