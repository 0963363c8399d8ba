using Sentinel.Infrastructure.Analytics.ClickHouse;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// A store that keeps hourly rollups for long views (ADR 031; the self-hosted ClickHouse store). The recurring job
/// <see cref="AnalyticsRollupJob"/>, the tests and the dashboard benchmark all bring them up to date through this.
/// </summary>
public interface IAnalyticsRollups
{
    /// <summary>Rebuilds the closed hours (before the hour holding <paramref name="now"/>) whose events changed since their rollup.</summary>
    Task<RollupRun> RollUpAsync(DateTime now, CancellationToken cancellationToken);
}
