using System.Globalization;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rollups;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>
/// A long view on ClickHouse (ADR 031): the hourly rollups for the whole hours whose rollup is current, merged with
/// raw events (FINAL) for everything else (<see cref="RollupPlan"/>), so no event is missed or counted twice. Counts,
/// bytes, statuses and distinct consumers are exact; percentiles are <see cref="LatencyBuckets"/> estimates, the same
/// figures the other stores compute from raw rows. Route and consumer pages (their filters are not rollup
/// dimensions) read the raw pipes instead.
/// </summary>
internal static class RollupDashboard
{
    public delegate Task<IReadOnlyList<JsonElement>> Query(string sql, CancellationToken cancellationToken);

    public static bool Serves(DashboardQuery query) =>
        query.EstimatesLatency && query.Method is null && query.Route is null && query.ConsumerId is null && query.BucketSeconds % RollupPlan.HourSeconds == 0;

    public static async Task<Dashboard> QueryAsync(DashboardQuery query, Query run, CancellationToken cancellationToken)
    {
        var project = PipeTemplate.Quote(query.ProjectId.ToString());
        long[] boundaries = query.ComparePrevious ? [query.TotalsFromUnix, query.FromUnix, query.ToUnix] : [query.FromUnix, query.ToUnix];
        var versions = (await run(CurrentHours(project, boundaries[0], query.ToUnix), cancellationToken))
            .ToDictionary(row => PipeDashboard.Long(row, "hour"), row => PipeDashboard.Text(row, "version"));
        var totalsPlan = RollupPlan.Of(boundaries, versions.Keys);
        var viewPlan = totalsPlan.Within(query.FromUnix, query.ToUnix);
        var environment = query.Environment is null ? "" : $" AND environment = {PipeTemplate.Quote(query.Environment)}";
        var sources = new Sources(project, versions, environment);
        var from = $"toDateTime({query.FromUnix})";
        var bucket = $"intDiv(toUInt32(ts), {query.BucketSeconds}) * {query.BucketSeconds}";
        const string Errors = "sumIf(n, status >= 400 AND status < 500) AS client_errors, sumIf(n, status >= 500) AS server_errors";

        var totals = run($"""
            SELECT ts >= {from} AS current, sum(n) AS requests, {Errors}, sum(req_bytes) AS request_bytes, sum(resp_bytes) AS response_bytes
            FROM ({sources.Requests(totalsPlan)}) GROUP BY current FORMAT JSON
            """, cancellationToken);
        var totalsLatency = run($"""
            SELECT ts >= {from} AS current, {RollupSql.WeightedQuantiles}(lb, n) AS latency FROM ({sources.Latency(totalsPlan)}) GROUP BY current FORMAT JSON
            """, cancellationToken);
        var totalsConsumers = run($"""
            SELECT ts >= {from} AS current, uniqExact(consumer_id) AS consumers FROM ({sources.Consumers(totalsPlan)}) GROUP BY current FORMAT JSON
            """, cancellationToken);
        var traffic = run($"""
            SELECT {bucket} AS bucket, sum(n) AS requests, {Errors} FROM ({sources.Requests(viewPlan)}) GROUP BY bucket ORDER BY bucket FORMAT JSON
            """, cancellationToken);
        var trafficLatency = run($"""
            SELECT {bucket} AS bucket, {RollupSql.WeightedQuantiles}(lb, n) AS latency FROM ({sources.Latency(viewPlan)}) GROUP BY bucket FORMAT JSON
            """, cancellationToken);
        var routes = run($"""
            SELECT method, route, sum(n) AS requests, {Errors},
                   sum(req_bytes) / requests AS avg_request_bytes, sum(resp_bytes) / requests AS avg_response_bytes
            FROM ({sources.Requests(viewPlan)}) GROUP BY method, route ORDER BY requests DESC, method, route LIMIT {DashboardQuery.RouteLimit} FORMAT JSON
            """, cancellationToken);
        var routesLatency = run($"""
            SELECT method, route, {RollupSql.WeightedQuantiles}(lb, n) AS latency FROM ({sources.RouteLatency(viewPlan)}) GROUP BY method, route FORMAT JSON
            """, cancellationToken);
        var consumers = run($"""
            SELECT consumer_id, sum(n) AS requests, sum(e) AS errors FROM ({sources.Consumers(viewPlan)})
            GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT {DashboardQuery.ConsumerLimit} FORMAT JSON
            """, cancellationToken);
        var statuses = run($"""
            SELECT status, sum(n) AS requests FROM ({sources.Requests(viewPlan)}) GROUP BY status ORDER BY status FORMAT JSON
            """, cancellationToken);
        var environments = run($"""
            SELECT environment, sum(n) AS requests FROM ({(sources with { Filter = "" }).Requests(viewPlan)})
            GROUP BY environment ORDER BY requests DESC, environment LIMIT {DashboardQuery.EnvironmentLimit} FORMAT JSON
            """, cancellationToken);
        await Task.WhenAll(totals, totalsLatency, totalsConsumers, traffic, trafficLatency, routes, routesLatency, consumers, statuses, environments);

        var periodLatency = (await totalsLatency).ToDictionary(row => PipeDashboard.Long(row, "current"), Latency);
        var periodConsumers = (await totalsConsumers).ToDictionary(row => PipeDashboard.Long(row, "current"), row => PipeDashboard.Long(row, "consumers"));
        var periods = (await totals).ToDictionary(row => PipeDashboard.Long(row, "current"), row =>
        {
            var current = PipeDashboard.Long(row, "current");
            var (p50, p95, p99) = periodLatency[current];
            return new DashboardTotals(
                PipeDashboard.Long(row, "requests"), PipeDashboard.Long(row, "client_errors"), PipeDashboard.Long(row, "server_errors"),
                PipeDashboard.Long(row, "request_bytes"), PipeDashboard.Long(row, "response_bytes"), p50, p95, p99, periodConsumers.GetValueOrDefault(current));
        });
        var bucketLatency = (await trafficLatency).ToDictionary(row => PipeDashboard.Long(row, "bucket"), Latency);
        var routeLatency = (await routesLatency).ToDictionary(row => (PipeDashboard.Text(row, "method"), PipeDashboard.Text(row, "route")), Latency);

        return new Dashboard(
            periods.GetValueOrDefault(1) ?? DashboardTotals.Empty,
            (await traffic).Select(row =>
            {
                var start = PipeDashboard.Long(row, "bucket");
                var (p50, p95, p99) = bucketLatency[start];
                return new TrafficBucket(
                    DateTime.UnixEpoch.AddSeconds(start), PipeDashboard.Long(row, "requests"), PipeDashboard.Long(row, "client_errors"), PipeDashboard.Long(row, "server_errors"), p50, p95, p99);
            }).ToList(),
            (await routes).Select(row =>
            {
                var (method, route) = (PipeDashboard.Text(row, "method"), PipeDashboard.Text(row, "route"));
                var (p50, p95, p99) = routeLatency[(method, route)];
                return new RouteStats(
                    method, route, PipeDashboard.Long(row, "requests"), PipeDashboard.Long(row, "client_errors"), PipeDashboard.Long(row, "server_errors"),
                    p50, p95, p99, PipeDashboard.Number(row, "avg_request_bytes"), PipeDashboard.Number(row, "avg_response_bytes"));
            }).ToList(),
            (await consumers).Select(row => new ConsumerStats(PipeDashboard.Text(row, "consumer_id"), PipeDashboard.Long(row, "requests"), PipeDashboard.Long(row, "errors"))).ToList(),
            (await statuses).Select(row => new StatusCount((int)PipeDashboard.Long(row, "status"), PipeDashboard.Long(row, "requests"))).ToList())
        {
            Previous = query.ComparePrevious ? periods.GetValueOrDefault(0) ?? DashboardTotals.Empty : null,
            Environments = (await environments).Select(row => new EnvironmentCount(PipeDashboard.Text(row, "environment"), PipeDashboard.Long(row, "requests"))).ToList(),
        };
    }

    /// <summary>
    /// The hours of [from, to) whose rollup is current: rolled up, and with as many raw rows now (count() without
    /// FINAL, which reads one column) as when they were rolled up. A late event or a retention delete makes its hour
    /// read raw until the job has rebuilt it, so a view never misses an event.
    /// </summary>
    private static string CurrentHours(string project, long from, long to)
    {
        var firstHour = from - (from % RollupPlan.HourSeconds);
        return $"""
            SELECT toUInt32(rolled) AS hour, toString(version) AS version FROM (
                SELECT hour AS rolled, version, raw_rows FROM {RollupSql.Hours} FINAL
                WHERE project_id = {project} AND hour >= toDateTime({firstHour}) AND hour < toDateTime({to})
            ) ANY LEFT JOIN (
                SELECT toStartOfHour(timestamp) AS rolled, count() AS current_rows FROM api_events
                WHERE project_id = {project} AND timestamp >= toDateTime({firstHour}) AND timestamp < toDateTime({to}) GROUP BY rolled
            ) USING rolled
            WHERE raw_rows = current_rows
            FORMAT JSON
            """;
    }

    private static (double P50, double P95, double P99) Latency(JsonElement row)
    {
        var buckets = row.GetProperty("latency").EnumerateArray().Select(b => LatencyBuckets.Representative(b.GetInt32())).ToList();
        return (buckets[0], buckets[1], buckets[2]);
    }

    /// <summary>The union of rollup rows and raw rows a query aggregates, with the same columns from both.</summary>
    private sealed record Sources(string Project, IReadOnlyDictionary<long, string> Versions, string Filter)
    {
        public string Requests(RollupPlan plan) => Union(
            plan,
            RollupSql.Requests,
            "hour AS ts, environment, method, route, status, requests AS n, request_bytes AS req_bytes, response_bytes AS resp_bytes",
            "timestamp AS ts, environment, method, route, status, toUInt64(1) AS n, request_bytes AS req_bytes, response_bytes AS resp_bytes");

        public string RouteLatency(RollupPlan plan) => Union(
            plan, RollupSql.RouteLatency, "hour AS ts, method, route, bucket AS lb, requests AS n", $"timestamp AS ts, method, route, {RollupSql.Bucket} AS lb, toUInt64(1) AS n");

        public string Latency(RollupPlan plan) => Union(
            plan, RollupSql.Latency, "hour AS ts, bucket AS lb, requests AS n", $"timestamp AS ts, {RollupSql.Bucket} AS lb, toUInt64(1) AS n");

        public string Consumers(RollupPlan plan) => Union(
            plan,
            RollupSql.Consumers,
            "hour AS ts, consumer_id, requests AS n, errors AS e",
            "timestamp AS ts, consumer_id, toUInt64(1) AS n, toUInt64(status >= 400) AS e",
            " AND consumer_id != ''");

        private string Union(RollupPlan plan, string table, string rolledColumns, string rawColumns, string rawFilter = "")
        {
            var parts = new List<string>();
            if (plan.Hours.Count > 0)
            {
                var pairs = string.Join(", ", plan.Hours.Select(h => string.Create(CultureInfo.InvariantCulture, $"({h}, {Versions[h]})")));
                parts.Add($"""
                    SELECT {rolledColumns} FROM {table}
                    WHERE project_id = {Project} AND hour >= toDateTime({plan.Hours[0]}) AND hour <= toDateTime({plan.Hours[^1]})
                      AND (toUInt32(hour), version) IN ({pairs}){Filter}
                    """);
            }

            if (plan.Raw.Count > 0)
            {
                var ranges = string.Join(" OR ", plan.Raw.Select(r => $"(timestamp >= toDateTime({r.From}) AND timestamp < toDateTime({r.To}))"));
                parts.Add($"SELECT {rawColumns} FROM api_events FINAL WHERE project_id = {Project} AND ({ranges}){Filter}{rawFilter}");
            }

            return string.Join("\nUNION ALL\n", parts);
        }
    }
}
