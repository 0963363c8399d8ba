using System.Net;
using System.Net.Http.Headers;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// The one HTTP error path of the ClickHouse and Tinybird stores: an unreachable or slow server, 408, 429 and 5xx
/// are outages (retry later, after Retry-After when given); other answers are refusals of what was sent.
/// </summary>
internal static class StoreHttp
{
    /// <summary>Sends, turning transport failures and timeouts into <see cref="AnalyticsStoreUnavailableException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string store, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new AnalyticsStoreUnavailableException($"{store} cannot be reached: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AnalyticsStoreUnavailableException($"{store} did not answer in time.", exception);
        }
    }

    /// <summary>
    /// The exception for a failed answer. <paramref name="isRefusal"/> lets a store recognise a refusal that its
    /// server reports as a 5xx (ClickHouse 18 answers 500 to every exception, bad data included).
    /// </summary>
    public static Exception Failure(HttpResponseMessage response, string body, string store, Func<string, bool>? isRefusal = null)
    {
        var status = (int)response.StatusCode;
        var message = $"{store} answered {status}: {body.Trim()}";
        var outage = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        if (outage && isRefusal?.Invoke(body) != true)
        {
            return new AnalyticsStoreUnavailableException(message) { RetryAfter = RetryAfter(response.Headers) };
        }

        return new AnalyticsStoreRefusedException(message);
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers) =>
        headers.RetryAfter?.Delta ?? (headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
