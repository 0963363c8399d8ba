using Sentinel.Domain.Analytics;
using Sentinel.Domain.Projects;

namespace Sentinel.Web.Components.Pages.Overview;

/// <summary>One project's card on the overview: hourly requests and errors over the last 24 h, and sessions blocked today.</summary>
/// <param name="Problem">Set when the analytics store could not answer; the card says so instead of showing zeros.</param>
public sealed record ProjectOverview(Project Project, long[] Requests, long[] Errors, int BlockedToday, string? Problem = null)
{
    public const int Hours = 24;

    public long TotalRequests => Requests.Sum();

    public long TotalErrors => Errors.Sum();

    public double ErrorRate => TotalRequests == 0 ? 0 : (double)TotalErrors / TotalRequests;

    /// <summary>
    /// The one query behind every card's sparklines: the 24 whole hours up to and including the current one, in
    /// 1-hour buckets, for all the projects shown (requests and errors only, <see cref="TrafficOverviewQuery"/>).
    /// </summary>
    public static TrafficOverviewQuery Query(IReadOnlyList<Guid> projectIds, DateTime utcNow)
    {
        var hour = new DateTime(utcNow.Year, utcNow.Month, utcNow.Day, utcNow.Hour, 0, 0, DateTimeKind.Utc);
        return new TrafficOverviewQuery(projectIds, hour.AddHours(1 - Hours), hour.AddHours(1), 3600);
    }

    /// <summary>The store lists only buckets with traffic: spreads one project's over <see cref="Hours"/> slots, zeros between.</summary>
    public static (long[] Requests, long[] Errors) Hourly(TrafficOverviewQuery query, Guid projectId, IEnumerable<ProjectTrafficBucket> traffic)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(traffic);
        var requests = new long[Hours];
        var errors = new long[Hours];
        foreach (var bucket in traffic.Where(b => b.ProjectId == projectId))
        {
            var slot = (int)Math.Floor((bucket.Start - query.From).TotalHours);
            if (slot is >= 0 and < Hours)
            {
                requests[slot] += bucket.Requests;
                errors[slot] += bucket.ClientErrors + bucket.ServerErrors;
            }
        }

        return (requests, errors);
    }

    /// <summary>Every shown project's card from the one traffic answer; a project without traffic gets zeros.</summary>
    public static List<ProjectOverview> Cards(IReadOnlyList<Project> shown, TrafficOverviewQuery query, IReadOnlyList<ProjectTrafficBucket> traffic, IReadOnlyDictionary<Guid, int> blocked)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(blocked);
        return shown.Select(project =>
        {
            var (requests, errors) = Hourly(query, project.Id, traffic);
            return new ProjectOverview(project, requests, errors, blocked.GetValueOrDefault(project.Id));
        }).ToList();
    }
}
