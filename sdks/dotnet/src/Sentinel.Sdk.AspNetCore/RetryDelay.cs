using System.Net.Http.Headers;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>Exponential backoff with full jitter; a server's Retry-After is a floor, capped at the maximum.</summary>
internal static class RetryDelay
{
    public static TimeSpan Next(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, double random)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        var jittered = Math.Max(1, Math.Floor(random * ceiling));
        var ms = retryAfter is { } floor ? Math.Min(maxDelay.TotalMilliseconds, Math.Max(floor.TotalMilliseconds, jittered)) : jittered;
        return TimeSpan.FromMilliseconds(ms);
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) =>
        header?.Delta ?? (header?.Date is { } date ? (date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero) : null);
}
