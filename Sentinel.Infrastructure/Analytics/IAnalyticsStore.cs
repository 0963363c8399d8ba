using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Where API events are kept and the dashboards read from: ClickHouse, Tinybird or the embedded store. Writes are
/// idempotent: an event written twice (same project, id and second) is counted once.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Creates what the store needs (tables); safe to call on every start and from several hosts.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <exception cref="AnalyticsStoreUnavailableException">The store cannot be reached now; try again later.</exception>
    Task WriteAsync(IReadOnlyList<ApiEvent> events, CancellationToken cancellationToken);

    Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a project's events older than <paramref name="cutoff"/> (retention).</summary>
    Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken);
}
