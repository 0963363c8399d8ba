using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Web.Hosting;

/// <summary>
/// Turns an unhandled exception on an API request into RFC 9457 ProblemDetails. Portal requests fall through to
/// the error page. Internals (messages, stack) are logged, never returned. Expected outages (the ingestion queue
/// down or full) are mapped here too, once for every endpoint, and logged as warnings: they are not bugs.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before retrying after the queue was unavailable: long enough for a Redis failover.</summary>
    public const int RetryAfterQueueUnavailable = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiRequests.IsApi(httpContext))
        {
            return false;
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null),
            IngestQueueUnavailableException => (
                StatusCodes.Status503ServiceUnavailable,
                "The ingestion queue is unavailable.",
                "Nothing from this request was accepted; keep the batch and retry after the Retry-After delay."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", (string?)null),
        };
        if (exception is IngestQueueUnavailableException)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterQueueUnavailable.ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogQueueUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    private static partial void LogQueueUnavailable(ILogger logger, string method, PathString path, string reason);
}
