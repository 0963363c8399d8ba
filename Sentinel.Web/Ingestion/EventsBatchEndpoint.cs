using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Observability;
using Sentinel.Web.Hosting;
using Sentinel.Web.Keys;

namespace Sentinel.Web.Ingestion;

/// <summary>
/// <c>POST /v1/events/batch</c>: authenticate the ingest key, read the body within limits, validate each event and
/// encode the valid ones into the stores' row form in the same pass (ADR 029), then count the batch against the
/// key's rate and queue the rows in one step, and answer 202 with the counts.
/// Nothing is queued unless the whole answer is 202. A queue outage surfaces as <see cref="IngestQueueUnavailableException"/>,
/// which the host's one exception handler answers with 503 and Retry-After.
/// </summary>
internal static class EventsBatchEndpoint
{
    public static WebApplicationBuilder AddEventsBatch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RateLimitedKeys>();
        return builder;
    }

    /// <summary>Maps <c>POST {api}/events/batch</c> on the host's <c>/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapEventsBatch(this IEndpointRouteBuilder api)
    {
        api.MapPost("/events/batch", HandleAsync)
            .RequireAuthorization(ApiKeyPolicies.Ingest)
            .WithName("PostEventsBatch")
            .WithTags("Analytics")
            .WithSummary("Queue a batch of API events (JSON, optionally gzip).")
            .WithDescription("Body `{ \"events\": [ ... ] }`. Valid events are accepted even when others are rejected; the response lists each rejected index with the field and reason. Event ids make retries safe: an event sent twice is counted once.")
            .WithRequestSchema<EventsBatchRequest>()
            .Produces<BatchResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IIngestQueue queue,
        RateLimitedKeys limitedKeys,
        IOptions<IngestOptions> options,
        SentinelMetrics metrics,
        TimeProvider time)
    {
        var settings = options.Value;
        var cancellationToken = context.RequestAborted;
        var keyId = context.KeyId();
        if (limitedKeys.WaitFor(keyId) is { } wait)
        {
            return TooManyBatches(context, wait, settings);
        }

        if (!IsJson(context.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.", "Send Content-Type: application/json (and Content-Encoding: gzip if compressed).");
        }

        using var body = await BatchBody.ReadAsync(context.Request, settings.MaxBodyBytes, settings.MaxDecompressedBytes, cancellationToken);
        switch (body.Result)
        {
            case BatchBody.Outcome.TooLarge:
                return Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"A batch body may be at most {settings.MaxBodyBytes} bytes as sent; split the batch.");
            case BatchBody.Outcome.TooLargeDecompressed:
                return Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large once decompressed.", $"A batch may be at most {settings.MaxDecompressedBytes} bytes after gunzip; split the batch.");
            case BatchBody.Outcome.BadGzip:
                return Problem(StatusCodes.Status400BadRequest, "The body is not valid gzip.", "Content-Encoding says gzip but the body cannot be inflated.");
            case BatchBody.Outcome.UnsupportedEncoding:
                return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Content-Encoding.", "Use gzip or no Content-Encoding.");
            default:
                break;
        }

        var reader = new ApiEventReader(time.GetUtcNow().UtcDateTime, settings.MaxFutureSkew, settings.MaxEventAge);
        var projectId = context.ProjectId();
        using var batch = reader.CheckBatch(body.Bytes, settings.MaxEventsPerBatch, projectId); // its rows are pooled: queued (copied) before it is disposed
        if (Refusal(batch, settings) is { } refusal)
        {
            metrics.EventsIngested(0, batch.Count);
            return refusal;
        }

        if (await queue.EnqueueAsync(new QueuedBatch(projectId, batch.Rows), keyId, cancellationToken) is { } over)
        {
            limitedKeys.Limited(keyId, over);
            return TooManyBatches(context, over, settings);
        }

        metrics.EventsIngested(batch.Accepted, batch.Rejected);
        return TypedResults.Json(new BatchResponse(batch.Accepted, batch.Rejected, batch.Errors), statusCode: StatusCodes.Status202Accepted);
    }

    private static ProblemHttpResult TooManyBatches(HttpContext context, TimeSpan wait, IngestOptions settings)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many batches for this key.", $"The limit is {settings.BatchesPerKeyPerSecond} batches per second per key; nothing from this request was accepted, retry after the Retry-After delay.");
    }

    /// <summary>The answer for a body that is not a batch at all, or has no valid event; null when some can be queued.</summary>
    private static ProblemHttpResult? Refusal(CheckedBatch batch, IngestOptions settings) => batch.Result switch
    {
        CheckedBatch.Outcome.NotJson => Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", batch.JsonError ?? ""),
        CheckedBatch.Outcome.NotAnEventsObject => Problem(StatusCodes.Status400BadRequest, "The body must be an object with an 'events' array.", "Expected { \"events\": [ ... ] }."),
        CheckedBatch.Outcome.Empty => Problem(StatusCodes.Status400BadRequest, "The batch is empty.", "'events' must hold at least one event."),
        CheckedBatch.Outcome.TooManyEvents => Problem(StatusCodes.Status413PayloadTooLarge, "Too many events in one batch.", $"A batch may hold at most {settings.MaxEventsPerBatch} events; this one has {batch.Count}."),
        _ when batch.Accepted == 0 => Problem(StatusCodes.Status400BadRequest, "No event in the batch is valid.", "See 'errors' for the index, field and reason of each.", batch.Errors),
        _ => null,
    };

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult Problem(int status, string title, string detail, IReadOnlyList<EventError>? errors = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = errors is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["errors"] = errors },
        });
}
