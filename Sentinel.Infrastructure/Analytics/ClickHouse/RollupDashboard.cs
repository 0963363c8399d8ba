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
        var hourRows = run(CurrentHours(project, boundaries[0], query.ToUnix), cancellationToken);
        var dayRows = run(CurrentDays(project, boundaries[0], query.ToUnix), cancellationToken);
        var versions = (await hourRows).ToDictionary(row => PipeDashboard.Long(row, "hour"), row => ulong.Parse(PipeDashboard.Text(row, "version"), CultureInfo.InvariantCulture));
        var dayVersions = (await dayRows).ToDictionary(row => PipeDashboard.Long(row, "day"), row => ulong.Parse(PipeDashboard.Text(row, "version"), CultureInfo.InvariantCulture));
        var totalsPlan = RollupPlan.Of(boundaries, versions.Keys);
        var viewPlan = totalsPlan.Within(query.FromUnix, query.ToUnix);
        var environment = query.Environment is null ? "" : $" AND environment = {PipeTemplate.Quote(query.Environment)}";
        var sources = new RollupSources(project, versions, dayVersions, environment);
        var from = $"toDateTime({query.FromUnix})";
        var bucket = $"intDiv(toUInt32(ts), {query.BucketSeconds}) * {query.BucketSeconds}";
        var dailyBuckets = query.BucketSeconds % RollupPlan.DaySeconds == 0; // a day's rows sit at its start: only whole-day buckets may read them
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
            SELECT {bucket} AS bucket, sum(n) AS requests, {Errors} FROM ({sources.Requests(viewPlan, dailyBuckets)}) GROUP BY bucket ORDER BY bucket FORMAT JSON
            """, cancellationToken);
        var trafficLatency = run($"""
            SELECT {bucket} AS bucket, {RollupSql.WeightedQuantiles}(lb, n) AS latency FROM ({sources.Latency(viewPlan, dailyBuckets)}) GROUP BY bucket FORMAT JSON
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
            (await consumers).Select(PipeDashboard.Consumer).ToList(),
            (await statuses).Select(PipeDashboard.Status).ToList())
        {
            Previous = query.ComparePrevious ? periods.GetValueOrDefault(0) ?? DashboardTotals.Empty : null,
            Environments = (await environments).Select(PipeDashboard.Environment).ToList(),
        };
    }

    /// <summary>
    /// The hours of [from, to) whose rollup is current: rolled up and, within <see cref="ClickHouseRollups.LateWindow"/>
    /// of the view's end (where late events land), with as many raw rows now (count() without FINAL reads one
    /// column) as when they were rolled up. A late event makes its hour read raw until the job has rebuilt it, so a
    /// view never misses one. Older hours change only by retention deletes and merges, which the next job run applies.
    /// </summary>
    private static string CurrentHours(string project, long from, long to)
    {
        var firstHour = from - (from % RollupPlan.HourSeconds);
        var lateFrom = Math.Max(firstHour, to - (long)ClickHouseRollups.LateWindow.TotalSeconds);
        lateFrom -= lateFrom % RollupPlan.HourSeconds;
        return $"""
            SELECT toUInt32(rolled) AS hour, toString(version) AS version FROM (
                SELECT hour AS rolled, version, raw_rows FROM {RollupSql.Hours} FINAL
                WHERE project_id = {project} AND hour >= toDateTime({firstHour}) AND hour < toDateTime({to})
            ) ANY LEFT JOIN (
                SELECT toStartOfHour(timestamp) AS rolled, count() AS current_rows FROM api_events
                WHERE project_id = {project} AND timestamp >= toDateTime({lateFrom}) AND timestamp < toDateTime({to}) GROUP BY rolled
            ) USING rolled
            WHERE rolled < toDateTime({lateFrom}) OR raw_rows = current_rows
            FORMAT JSON
            """;
    }

    private static string CurrentDays(string project, long from, long to) => $"""
        SELECT toUInt32(day) AS day, toString(version) AS version FROM {RollupSql.Days} FINAL
        WHERE project_id = {project} AND day >= toDateTime({from}) AND day < toDateTime({to})
        FORMAT JSON
        """;

    private static (double P50, double P95, double P99) Latency(JsonElement row)
    {
        var buckets = row.GetProperty("latency").EnumerateArray().Select(b => LatencyBuckets.Representative(b.GetInt32())).ToList();
        return (buckets[0], buckets[1], buckets[2]);
    }
}
