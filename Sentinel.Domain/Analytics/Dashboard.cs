namespace Sentinel.Domain.Analytics;

/// <summary>What a dashboard shows. Every store answers with exactly these numbers for the same events.</summary>
public sealed record Dashboard(
    DashboardTotals Totals,
    IReadOnlyList<TrafficBucket> Traffic,
    IReadOnlyList<RouteStats> Routes,
    IReadOnlyList<ConsumerStats> Consumers,
    IReadOnlyList<StatusCount> StatusCodes)
{
    /// <summary>The busiest routes first.</summary>
    public IEnumerable<RouteStats> TopRoutes(int count) =>
        Routes.OrderByDescending(r => r.Requests).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal).Take(count);

    /// <summary>The routes with the highest p95 latency first.</summary>
    public IEnumerable<RouteStats> SlowestRoutes(int count) =>
        Routes.OrderByDescending(r => r.P95Ms).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal).Take(count);
}

public sealed record DashboardTotals(long Requests, long ClientErrors, long ServerErrors, long RequestBytes, long ResponseBytes)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)(ClientErrors + ServerErrors) / Requests;
}

/// <summary>Requests in [Start, Start + bucket). Empty buckets are not listed.</summary>
public sealed record TrafficBucket(DateTime Start, long Requests, long ClientErrors, long ServerErrors);

public sealed record RouteStats(
    string Method,
    string Route,
    long Requests,
    long ClientErrors,
    long ServerErrors,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double AverageRequestBytes,
    double AverageResponseBytes);

public sealed record ConsumerStats(string ConsumerId, long Requests, long Errors);

public sealed record StatusCount(int Status, long Requests);
