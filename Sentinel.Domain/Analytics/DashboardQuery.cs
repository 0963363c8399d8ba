namespace Sentinel.Domain.Analytics;

/// <summary>
/// One dashboard: a project, optionally one environment, the half-open UTC range [From, To) and the width of the
/// traffic buckets. Times are whole seconds, as stored. <see cref="Method"/> with <see cref="Route"/>, and
/// <see cref="ConsumerId"/>, narrow every part of the dashboard to one route or one consumer (the route and consumer
/// pages); the environments list ignores every filter but the range.
/// </summary>
public sealed record DashboardQuery(Guid ProjectId, string? Environment, DateTime From, DateTime To, int BucketSeconds)
{
    public const int MaxBuckets = 2000;
    public const int RouteLimit = 200;
    public const int ConsumerLimit = 50;
    public const int EnvironmentLimit = 20;
    public const int FilterMaxLength = 512;

    /// <summary>Only this HTTP method (upper case); given together with <see cref="Route"/>.</summary>
    public string? Method { get; init; }

    /// <summary>Only this route template.</summary>
    public string? Route { get; init; }

    /// <summary>Only this consumer.</summary>
    public string? ConsumerId { get; init; }

    /// <summary>Also compute <see cref="Dashboard.Previous"/>: the totals of [From − (To − From), From), in the same query.</summary>
    public bool ComparePrevious { get; init; }

    /// <summary>Views at least this long report estimated latency percentiles (ADR 031); shorter ones stay exact.</summary>
    public static readonly TimeSpan LongView = TimeSpan.FromDays(7);

    public long FromUnix => UnixTime.Seconds(From);

    public long ToUnix => UnixTime.Seconds(To);

    /// <summary>Where the totals query starts reading: the previous period's start when it is compared.</summary>
    public long TotalsFromUnix => ComparePrevious ? FromUnix - (ToUnix - FromUnix) : FromUnix;

    /// <summary>
    /// A long view: its p50/p95/p99 are the <see cref="LatencyBuckets"/> estimate (within 1%) in every store, so a
    /// store may read hourly histograms instead of every duration; counts, errors, bytes and consumers stay exact.
    /// </summary>
    public bool EstimatesLatency => ToUnix - FromUnix >= (long)LongView.TotalSeconds;

    /// <summary>Null when the query is sound, else what is wrong with it.</summary>
    public string? Problem() =>
        To <= From ? "'to' must be after 'from'."
        : BucketSeconds < 1 ? "The bucket must be at least one second."
        : (ToUnix - FromUnix) / BucketSeconds > MaxBuckets ? $"The range holds more than {MaxBuckets} buckets; choose a wider bucket."
        : (Method is null) != (Route is null) ? "A route filter needs both the method and the route."
        : new[] { Environment, Method, Route, ConsumerId }.Any(f => f is { Length: > FilterMaxLength }) ? $"A filter is longer than {FilterMaxLength} characters."
        : null;
}
