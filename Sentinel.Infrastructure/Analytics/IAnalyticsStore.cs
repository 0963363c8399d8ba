using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Where API events are kept and the dashboards read from: ClickHouse, Tinybird or the embedded store. Writes are
/// idempotent: an event written twice (same project, id and second) is counted once.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Creates what the store needs (tables); safe to call on every start and from several hosts.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes rows as the endpoint encoded them (ADR 029); <see cref="AnalyticsStoreWrites.WriteAsync"/> takes
    /// events instead.
    /// </summary>
    /// <exception cref="AnalyticsStoreUnavailableException">The store cannot be reached now; try again later.</exception>
    Task WriteAsync(ApiEventRows rows, CancellationToken cancellationToken);

    Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The overview's cards in one cheap query: requests and errors per bucket per project (no quantiles), buckets
    /// with traffic only, ordered by project then bucket (<see cref="ProjectTrafficBucket"/>).
    /// </summary>
    Task<IReadOnlyList<ProjectTrafficBucket>> TrafficAsync(TrafficOverviewQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a project's events older than <paramref name="cutoff"/> (retention).</summary>
    Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken);
}

/// <summary>Writing events rather than rows: for tests, tools and anything that holds events.</summary>
public static class AnalyticsStoreWrites
{
    public static Task WriteAsync(this IAnalyticsStore store, IReadOnlyList<ApiEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(ApiEventRows.From(events), cancellationToken);
    }
}
