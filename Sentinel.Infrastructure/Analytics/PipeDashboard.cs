using System.Globalization;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Builds a <see cref="Dashboard"/> from the five dashboard pipes, whoever runs them (ClickHouse renders the SQL
/// itself, Tinybird serves them as endpoints). Rows are JSON objects as both return them; 64-bit integers may come
/// quoted (ClickHouse's default) or not.
/// </summary>
internal static class PipeDashboard
{
    public delegate Task<IReadOnlyList<JsonElement>> RunPipe(string pipe, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken);

    public static async Task<Dashboard> QueryAsync(DashboardQuery query, RunPipe run, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["project_id"] = query.ProjectId.ToString(),
            ["from_unix"] = query.FromUnix.ToString(CultureInfo.InvariantCulture),
            ["to_unix"] = query.ToUnix.ToString(CultureInfo.InvariantCulture),
            ["environment"] = query.Environment,
            ["bucket_seconds"] = query.BucketSeconds.ToString(CultureInfo.InvariantCulture),
        };
        var totals = run(TinybirdProject.TotalsPipe, parameters, cancellationToken);
        var traffic = run(TinybirdProject.TrafficPipe, parameters, cancellationToken);
        var routes = run(TinybirdProject.RoutesPipe, parameters, cancellationToken);
        var consumers = run(TinybirdProject.ConsumersPipe, parameters, cancellationToken);
        var statuses = run(TinybirdProject.StatusCodesPipe, parameters, cancellationToken);
        await Task.WhenAll(totals, traffic, routes, consumers, statuses);

        var totalRows = await totals;
        var total = totalRows.Count > 0 ? totalRows[0] : default;
        return new Dashboard(
            total.ValueKind == JsonValueKind.Object
                ? new DashboardTotals(Long(total, "requests"), Long(total, "client_errors"), Long(total, "server_errors"), Long(total, "request_bytes"), Long(total, "response_bytes"))
                : new DashboardTotals(0, 0, 0, 0, 0),
            (await traffic).Select(row => new TrafficBucket(
                DateTime.UnixEpoch.AddSeconds(Long(row, "bucket")), Long(row, "requests"), Long(row, "client_errors"), Long(row, "server_errors"))).ToList(),
            (await routes).Select(row => new RouteStats(
                Text(row, "method"), Text(row, "route"), Long(row, "requests"), Long(row, "client_errors"), Long(row, "server_errors"),
                Number(row, "p50_ms"), Number(row, "p95_ms"), Number(row, "p99_ms"), Number(row, "avg_request_bytes"), Number(row, "avg_response_bytes"))).ToList(),
            (await consumers).Select(row => new ConsumerStats(Text(row, "consumer_id"), Long(row, "requests"), Long(row, "errors"))).ToList(),
            (await statuses).Select(row => new StatusCount((int)Long(row, "status"), Long(row, "requests"))).ToList());
    }

    /// <summary>The <c>data</c> rows of a ClickHouse/Tinybird <c>FORMAT JSON</c> answer.</summary>
    public static IReadOnlyList<JsonElement> DataRows(JsonDocument document) =>
        document.RootElement.TryGetProperty("data", out var data) ? data.EnumerateArray().Select(row => row.Clone()).ToList() : [];

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";

    private static long Long(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : (long)value.GetDouble();
    }

    private static double Number(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();
    }
}
