namespace Sentinel.Domain.Analytics;

/// <summary>
/// The overview's traffic for several projects at once: requests and errors per bucket of <see cref="BucketSeconds"/>
/// in the half-open UTC range [From, To), per project. One cheap query for every card instead of one dashboard each:
/// no quantiles, no routes, no consumers.
/// </summary>
public sealed record TrafficOverviewQuery(IReadOnlyList<Guid> ProjectIds, DateTime From, DateTime To, int BucketSeconds)
{
    /// <summary>As many projects as the overview shows cards, with room to spare.</summary>
    public const int MaxProjects = 100;

    public long FromUnix => UnixTime.Seconds(From);

    public long ToUnix => UnixTime.Seconds(To);

    /// <summary>Null when the query is sound, else what is wrong with it.</summary>
    public string? Problem() =>
        ProjectIds is null || ProjectIds.Count == 0 ? "At least one project is needed."
        : ProjectIds.Count > MaxProjects ? $"At most {MaxProjects} projects at once."
        : To <= From ? "'to' must be after 'from'."
        : BucketSeconds < 1 ? "The bucket must be at least one second."
        : (ToUnix - FromUnix) / BucketSeconds > DashboardQuery.MaxBuckets ? $"The range holds more than {DashboardQuery.MaxBuckets} buckets; choose a wider bucket."
        : null;

    /// <summary>Every store's first step: a query with a <see cref="Problem"/> is refused before any I/O.</summary>
    public void ThrowIfInvalid()
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem, "query");
        }
    }
}

/// <summary>
/// One project's traffic in one bucket (its start, aligned to the Unix epoch); buckets without traffic are left out.
/// Errors are 4xx and 5xx as in <see cref="TrafficBucket"/>.
/// </summary>
public sealed record ProjectTrafficBucket(Guid ProjectId, DateTime Start, long Requests, long ClientErrors, long ServerErrors);

/// <summary>The one order every store answers <see cref="TrafficOverviewQuery"/> in, whatever its own order of ids.</summary>
public static class ProjectTrafficOrder
{
    public static IReadOnlyList<ProjectTrafficBucket> Ordered(IEnumerable<ProjectTrafficBucket> buckets) =>
        buckets.OrderBy(b => b.ProjectId).ThenBy(b => b.Start).ToList();
}
