using Microsoft.Extensions.Logging;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Recurring job <c>analytics-rollups</c> (ClickHouse only, ADR 031): brings the hourly rollups up to date. Rebuilding
/// from deduplicated rows, not filling on insert, is what keeps a re-delivered batch counted once.
/// </summary>
public sealed partial class AnalyticsRollupJob(IAnalyticsStore store, TimeProvider time, ILogger<AnalyticsRollupJob> logger)
{
    public const string RecurringId = "analytics-rollups";

    /// <summary>Every five minutes: a long view reads raw events for hours not rolled up yet, so this bounds cost, not correctness.</summary>
    public const string Cron = "*/5 * * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (store is not IAnalyticsRollups rollups)
        {
            return;
        }

        var run = await rollups.RollUpAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        if (run.HoursRebuilt > 0)
        {
            LogRolledUp(logger, run.HoursRebuilt, run.HoursWithEvents, run.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled up {Rebuilt} of {Hours} hours with events as version {Version}")]
    private static partial void LogRolledUp(ILogger logger, int rebuilt, int hours, ulong version);
}
