namespace Sentinel.Domain.Analytics;

/// <summary>What a dashboard shows. Every store answers with exactly these numbers for the same events.</summary>
public sealed record Dashboard(
    DashboardTotals Totals,
    IReadOnlyList<TrafficBucket> Traffic,
    IReadOnlyList<RouteStats> Routes,
    IReadOnlyList<ConsumerStats> Consumers,
    IReadOnlyList<StatusCount> StatusCodes)
{
    /// <summary>
    /// The totals of the period of the same length just before the query's, when <see cref="DashboardQuery.ComparePrevious"/>
    /// asked for them; null otherwise.
    /// </summary>
    public DashboardTotals? Previous { get; init; }

    /// <summary>The environments with traffic in the range (whatever the environment filter), busiest first.</summary>
    public IReadOnlyList<EnvironmentCount> Environments { get; init; } = [];

    /// <summary>The busiest routes first.</summary>
    public IEnumerable<RouteStats> TopRoutes(int count) =>
        Routes.OrderByDescending(r => r.Requests).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal).Take(count);

    /// <summary>The routes with the highest p95 latency first.</summary>
    public IEnumerable<RouteStats> SlowestRoutes(int count) =>
        Routes.OrderByDescending(r => r.P95Ms).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal).Take(count);
}

/// <summary>
/// The whole range at once: counts, bytes, exact latency quantiles over every request (not an average of the routes'
/// quantiles) and the number of distinct consumers (requests without a consumer id are not one).
/// </summary>
public sealed record DashboardTotals(
    long Requests,
    long ClientErrors,
    long ServerErrors,
    long RequestBytes,
    long ResponseBytes,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long Consumers)
{
    public static readonly DashboardTotals Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double ErrorRate => Requests == 0 ? 0 : (double)(ClientErrors + ServerErrors) / Requests;

    public double ClientErrorRate => Requests == 0 ? 0 : (double)ClientErrors / Requests;

    public double ServerErrorRate => Requests == 0 ? 0 : (double)ServerErrors / Requests;
}

/// <summary>Requests and their exact latency quantiles in [Start, Start + bucket). Empty buckets are not listed.</summary>
public sealed record TrafficBucket(DateTime Start, long Requests, long ClientErrors, long ServerErrors, double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>Everything that is neither a 4xx nor a 5xx (1xx, 2xx, 3xx).</summary>
    public long Successful => Requests - ClientErrors - ServerErrors;
}

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

public sealed record EnvironmentCount(string Environment, long Requests);
