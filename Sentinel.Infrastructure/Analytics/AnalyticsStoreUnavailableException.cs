namespace Sentinel.Infrastructure.Analytics;

/// <summary>The store is down, overloaded or asks to slow down: the write should be retried later, unchanged.</summary>
public sealed class AnalyticsStoreUnavailableException : Exception
{
    public AnalyticsStoreUnavailableException()
    {
    }

    public AnalyticsStoreUnavailableException(string message)
        : base(message)
    {
    }

    public AnalyticsStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the store asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
