using System.Globalization;
using Sentinel.Domain.Analytics.Rollups;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>
/// The union of rollup rows and raw rows a query aggregates, with the same columns from both: whole days from the
/// daily twins (unless the query groups by less than a day), other current hours from the hourly rollups, and raw
/// events for the rest of the plan.
/// </summary>
internal sealed record RollupSources(string Project, IReadOnlyDictionary<long, ulong> Versions, IReadOnlyDictionary<long, ulong> DayVersions, string Filter)
{
    public string Requests(RollupPlan plan, bool days = true) => Union(
        plan,
        days,
        RollupSql.Requests,
        "hour AS ts, environment, method, route, status, requests AS n, request_bytes AS req_bytes, response_bytes AS resp_bytes",
        "timestamp AS ts, environment, method, route, status, toUInt64(1) AS n, request_bytes AS req_bytes, response_bytes AS resp_bytes");

    public string RouteLatency(RollupPlan plan) => Union(
        plan, days: true, RollupSql.RouteLatency, "hour AS ts, method, route, bucket AS lb, requests AS n", $"timestamp AS ts, method, route, {RollupSql.Bucket} AS lb, toUInt64(1) AS n");

    public string Latency(RollupPlan plan, bool days = true) => Union(
        plan, days, RollupSql.Latency, "hour AS ts, bucket AS lb, requests AS n", $"timestamp AS ts, {RollupSql.Bucket} AS lb, toUInt64(1) AS n");

    public string Consumers(RollupPlan plan) => Union(
        plan,
        days: true,
        RollupSql.Consumers,
        "hour AS ts, consumer_id, requests AS n, errors AS e",
        "timestamp AS ts, consumer_id, toUInt64(1) AS n, toUInt64(status >= 400) AS e",
        " AND consumer_id != ''");

    private string Union(RollupPlan plan, bool days, string table, string rolledColumns, string rawColumns, string rawFilter = "")
    {
        var wholeDays = days ? plan.WholeDays(DayVersions, Versions) : [];
        var inDays = wholeDays.SelectMany(day => Enumerable.Range(0, 24).Select(i => day + (i * RollupPlan.HourSeconds))).ToHashSet();
        string?[] parts =
        [
            Rolled(wholeDays, RollupSql.Daily(table), rolledColumns, DayVersions),
            Rolled([.. plan.Hours.Where(h => !inDays.Contains(h))], table, rolledColumns, Versions),
            Raw(plan, rawColumns, rawFilter),
        ];
        return string.Join("\nUNION ALL\n", parts.OfType<string>());
    }

    /// <summary>Rows of the current versions of these hours (or days) only.</summary>
    private string? Rolled(IReadOnlyList<long> starts, string table, string columns, IReadOnlyDictionary<long, ulong> versions) => starts.Count == 0 ? null : $"""
        SELECT {columns} FROM {table}
        WHERE project_id = {Project} AND hour >= toDateTime({starts[0]}) AND hour <= toDateTime({starts[^1]})
          AND (toUInt32(hour), version) IN ({string.Join(", ", starts.Select(h => string.Create(CultureInfo.InvariantCulture, $"({h}, {versions[h]})")))}){Filter}
        """;

    private string? Raw(RollupPlan plan, string columns, string rawFilter)
    {
        if (plan.Raw.Count == 0)
        {
            return null;
        }

        var ranges = string.Join(" OR ", plan.Raw.Select(r => $"(timestamp >= toDateTime({r.From}) AND timestamp < toDateTime({r.To}))"));
        return $"SELECT {columns} FROM api_events FINAL WHERE project_id = {Project} AND ({ranges}){Filter}{rawFilter}";
    }
}
