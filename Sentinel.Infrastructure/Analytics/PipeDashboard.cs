using System.Globalization;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Builds a <see cref="Dashboard"/> from the six dashboard pipes, whoever runs them (ClickHouse renders the SQL
/// itself, Tinybird serves them as endpoints). The pipes run at once, so a dashboard costs the slowest of them, not
/// their sum. Rows are JSON objects as both return them; 64-bit integers may come quoted (ClickHouse's default) or not.
/// </summary>
internal static class PipeDashboard
{
    public delegate Task<IReadOnlyList<JsonElement>> RunPipe(string pipe, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken);

    public static async Task<Dashboard> QueryAsync(DashboardQuery query, RunPipe run, CancellationToken cancellationToken)
    {
        var parameters = Parameters(query);
        var totals = run(TinybirdProject.TotalsPipe, parameters, cancellationToken);
        var traffic = run(TinybirdProject.TrafficPipe, parameters, cancellationToken);
        var routes = run(TinybirdProject.RoutesPipe, parameters, cancellationToken);
        var consumers = run(TinybirdProject.ConsumersPipe, parameters, cancellationToken);
        var statuses = run(TinybirdProject.StatusCodesPipe, parameters, cancellationToken);
        var environments = run(TinybirdProject.EnvironmentsPipe, parameters, cancellationToken);
        await Task.WhenAll(totals, traffic, routes, consumers, statuses, environments);

        var latency = Latency(query);
        var periods = (await totals).ToLookup(row => Long(row, "current") == 1, row => Totals(row, latency));
        return new Dashboard(
            periods[true].FirstOrDefault() ?? DashboardTotals.Empty,
            (await traffic).Select(row => new TrafficBucket(
                DateTime.UnixEpoch.AddSeconds(Long(row, "bucket")), Long(row, "requests"), Long(row, "client_errors"), Long(row, "server_errors"),
                latency(row, "p50_ms"), latency(row, "p95_ms"), latency(row, "p99_ms"))).ToList(),
            (await routes).Select(row => new RouteStats(
                Text(row, "method"), Text(row, "route"), Long(row, "requests"), Long(row, "client_errors"), Long(row, "server_errors"),
                latency(row, "p50_ms"), latency(row, "p95_ms"), latency(row, "p99_ms"), Number(row, "avg_request_bytes"), Number(row, "avg_response_bytes"))).ToList(),
            (await consumers).Select(Consumer).ToList(),
            (await statuses).Select(Status).ToList())
        {
            Previous = query.ComparePrevious ? periods[false].FirstOrDefault() ?? DashboardTotals.Empty : null,
            Environments = (await environments).Select(Environment).ToList(),
        };
    }

    /// <summary>The pipes' parameters; an absent filter is left out (Tinybird's <c>defined()</c> is false for it).</summary>
    private static Dictionary<string, string?> Parameters(DashboardQuery query) => new()
    {
        ["project_id"] = query.ProjectId.ToString(),
        ["from_unix"] = query.FromUnix.ToString(CultureInfo.InvariantCulture),
        ["to_unix"] = query.ToUnix.ToString(CultureInfo.InvariantCulture),
        ["totals_from_unix"] = query.TotalsFromUnix.ToString(CultureInfo.InvariantCulture),
        ["environment"] = query.Environment,
        ["method"] = query.Method,
        ["route"] = query.Route,
        ["consumer_id"] = query.ConsumerId,
        ["bucket_seconds"] = query.BucketSeconds.ToString(CultureInfo.InvariantCulture),
        ["latency_buckets"] = query.EstimatesLatency ? "1" : null,
    };

    /// <summary>How a quantile column becomes milliseconds: as it is, or from its latency bucket in a long view (ADR 031).</summary>
    public static Func<JsonElement, string, double> Latency(DashboardQuery query) =>
        query.EstimatesLatency ? (row, name) => LatencyBuckets.Representative((int)Number(row, name)) : Number;

    private static DashboardTotals Totals(JsonElement row, Func<JsonElement, string, double> latency) => new(
        Long(row, "requests"), Long(row, "client_errors"), Long(row, "server_errors"), Long(row, "request_bytes"), Long(row, "response_bytes"),
        latency(row, "p50_ms"), latency(row, "p95_ms"), latency(row, "p99_ms"), Long(row, "consumers"));

    /// <summary>A row of the consumers query (<c>consumer_id, requests, errors</c>): the pipe's and the rollups' alike.</summary>
    public static ConsumerStats Consumer(JsonElement row) => new(Text(row, "consumer_id"), Long(row, "requests"), Long(row, "errors"));

    /// <summary>A row of the status codes query (<c>status, requests</c>).</summary>
    public static StatusCount Status(JsonElement row) => new((int)Long(row, "status"), Long(row, "requests"));

    /// <summary>A row of the environments query (<c>environment, requests</c>).</summary>
    public static EnvironmentCount Environment(JsonElement row) => new(Text(row, "environment"), Long(row, "requests"));

    /// <summary>The <c>data</c> rows of a ClickHouse/Tinybird <c>FORMAT JSON</c> answer.</summary>
    public static IReadOnlyList<JsonElement> DataRows(JsonDocument document) =>
        document.RootElement.TryGetProperty("data", out var data) ? data.EnumerateArray().Select(row => row.Clone()).ToList() : [];

    public static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";

    public static long Long(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : (long)value.GetDouble();
    }

    public static double Number(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();
    }
}
