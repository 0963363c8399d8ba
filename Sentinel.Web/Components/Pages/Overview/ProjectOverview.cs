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

    /// <summary>The query behind the sparklines: the 24 whole hours up to and including the current one, in 1-hour buckets.</summary>
    public static DashboardQuery Query(Guid projectId, DateTime utcNow)
    {
        var hour = new DateTime(utcNow.Year, utcNow.Month, utcNow.Day, utcNow.Hour, 0, 0, DateTimeKind.Utc);
        return new DashboardQuery(projectId, null, hour.AddHours(1 - Hours), hour.AddHours(1), 3600);
    }

    /// <summary>The store lists only buckets with traffic: spreads them over <see cref="Hours"/> slots, zeros between.</summary>
    public static (long[] Requests, long[] Errors) Hourly(DashboardQuery query, IEnumerable<TrafficBucket> traffic)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(traffic);
        var requests = new long[Hours];
        var errors = new long[Hours];
        foreach (var bucket in traffic)
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
}
