using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Wire;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Trust;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Web.Ingestion;
using Sentinel.Web.Keys;

namespace Sentinel.Web.Trust;

/// <summary>
/// <c>POST /v1/trust/events</c>: the publishable key (header or <c>?key=</c>), the page's origin, the body within
/// limits, each event's shape; then the batch is scored on the session's shared state and the page gets only the
/// action. When the session state cannot be reached the answer is CHALLENGE, never ALLOW.
/// </summary>
internal static class TrustEventsEndpoint
{
    private static readonly TrustActionResponse Challenge = new(TrustWireNames.Of(TrustAction.Challenge));

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        ApiKeyAuthenticator authenticator,
        FailedKeyAttempts failures,
        TrustSettingsService settings,
        TrustScoringService scoring,
        IOptions<TrustOptions> options)
    {
        var limits = options.Value;
        var origin = context.Request.Headers.Origin.ToString();
        var (verdict, identity) = await TrustKeys.CheckAsync(context, authenticator, failures);
        switch (verdict)
        {
            case TrustKeys.Verdict.Missing:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Problem(StatusCodes.Status401Unauthorized, "A valid publishable key is required.", "Send the project's publishable key as 'Authorization: Bearer <key>' or '?key=<key>'.");
            case TrustKeys.Verdict.Unknown:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Problem(StatusCodes.Status401Unauthorized, "A valid publishable key is required.", "The key is unknown, revoked or expired.");
            case TrustKeys.Verdict.TooManyFailures:
                context.Response.Headers.RetryAfter = ((int)FailedKeyAttempts.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many failed key attempts.", "This address sent too many unknown keys; retry after the Retry-After delay with a valid key.");
            case TrustKeys.Verdict.WrongKind:
                return Problem(StatusCodes.Status403Forbidden, "This kind of key cannot be used here.", "Use the project's publishable key for /v1/trust/events.");
            case TrustKeys.Verdict.ProjectArchived:
                return Problem(StatusCodes.Status403Forbidden, ApiKeyAuthenticationHandler.ArchivedTitle, ApiKeyAuthenticationHandler.ArchivedDetail);
            default:
                break;
        }

        var project = await settings.GetAsync(identity!.ProjectId, context.RequestAborted);
        if (origin.Length > 0)
        {
            if (!project.Allows(origin))
            {
                return Problem(StatusCodes.Status403Forbidden, "This origin is not allowed.", "Add the page's origin to the project's allowed origins (projects set-origins).");
            }

            TrustCors.Allow(context.Response, origin);
        }

        if (!IsAccepted(context.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.", "Send Content-Type: application/json or text/plain;charset=UTF-8 with a JSON body.");
        }

        using var body = await BatchBody.ReadAsync(context.Request, limits.MaxBodyBytes, limits.MaxBodyBytes * 4, context.RequestAborted);
        switch (body.Result)
        {
            case BatchBody.Outcome.TooLarge or BatchBody.Outcome.TooLargeDecompressed:
                return Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"A batch body may be at most {limits.MaxBodyBytes} bytes; send smaller batches.");
            case BatchBody.Outcome.BadGzip:
                return Problem(StatusCodes.Status400BadRequest, "The body is not valid gzip.", "Content-Encoding says gzip but the body cannot be inflated.");
            case BatchBody.Outcome.UnsupportedEncoding:
                return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Content-Encoding.", "Send the body uncompressed.");
            default:
                break;
        }

        var batch = TrustBatchReader.Read(body.Bytes, limits.MaxEventsPerBatch);
        if (Refusal(batch, limits) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var userHash = batch.UserId is null ? null : project.HashUser(batch.UserId);
            var action = await scoring.ScoreAsync(identity.ProjectId, identity.KeyId.ToString("N"), batch, userHash, context.RequestAborted);
            if (action is null)
            {
                context.Response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status429TooManyRequests, "Too many new sessions for this key.", $"A publishable key may start at most {limits.NewSessionsPerKeyPerSecond} sessions per second; retry after the Retry-After delay.");
            }

            return TypedResults.Ok(new TrustActionResponse(TrustWireNames.Of(action.Value)));
        }
        catch (TrustStateUnavailableException)
        {
            // Fail safe: without the session's history nothing can be trusted, and nothing is blocked on an outage.
            return TypedResults.Ok(Challenge);
        }
    }

    private static ProblemHttpResult? Refusal(TrustBatch batch, TrustOptions limits) => batch.Result switch
    {
        TrustBatch.Outcome.NotJson => Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", batch.Detail ?? ""),
        TrustBatch.Outcome.NotABatch => Problem(StatusCodes.Status400BadRequest, "The body is not a trust batch.", batch.Detail ?? "Expected { \"sessionId\": ..., \"events\": [ ... ] }.", field: "events"),
        TrustBatch.Outcome.BadSession => Problem(StatusCodes.Status400BadRequest, "The session id is missing or malformed.", batch.Detail ?? "", field: "sessionId"),
        TrustBatch.Outcome.Empty => Problem(StatusCodes.Status400BadRequest, "The batch is empty.", "'events' must hold at least one event.", field: "events"),
        TrustBatch.Outcome.TooManyEvents => Problem(StatusCodes.Status413PayloadTooLarge, "Too many events in one batch.", $"A batch may hold at most {limits.MaxEventsPerBatch} events; this one has {batch.Count}."),
        TrustBatch.Outcome.NoValidEvent => Problem(StatusCodes.Status400BadRequest, "No event in the batch is valid.", "See 'errors' for the index, field and reason of each.", batch.Errors),
        _ => null,
    };

    private static bool IsAccepted(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    internal static ProblemHttpResult Problem(int status, string title, string detail, IReadOnlyList<EventError>? errors = null, string? field = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }
        else if (field is not null)
        {
            extensions["errors"] = new[] { new EventError(-1, field, detail) };
        }

        return TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = extensions });
    }
}
