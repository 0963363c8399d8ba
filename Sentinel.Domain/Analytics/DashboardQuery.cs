namespace Sentinel.Domain.Analytics;

/// <summary>
/// One dashboard: a project, optionally one environment, the half-open UTC range [From, To) and the width of the
/// traffic buckets. Times are whole seconds, as stored.
/// </summary>
public sealed record DashboardQuery(Guid ProjectId, string? Environment, DateTime From, DateTime To, int BucketSeconds)
{
    public const int MaxBuckets = 2000;
    public const int RouteLimit = 200;
    public const int ConsumerLimit = 50;

    public long FromUnix => UnixTime.Seconds(From);

    public long ToUnix => UnixTime.Seconds(To);

    /// <summary>Null when the query is sound, else what is wrong with it.</summary>
    public string? Problem() =>
        To <= From ? "'to' must be after 'from'."
        : BucketSeconds < 1 ? "The bucket must be at least one second."
        : (ToUnix - FromUnix) / BucketSeconds > MaxBuckets ? $"The range holds more than {MaxBuckets} buckets; choose a wider bucket."
        : null;
}
