namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// The store answered and refused this write as invalid: trying the same rows again gives the same answer, so the
/// worker isolates the batch at fault and dead-letters it. Never thrown for an outage, a timeout or a setting.
/// </summary>
public sealed class AnalyticsStoreRefusedException : Exception
{
    public AnalyticsStoreRefusedException()
    {
    }

    public AnalyticsStoreRefusedException(string message)
        : base(message)
    {
    }

    public AnalyticsStoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
