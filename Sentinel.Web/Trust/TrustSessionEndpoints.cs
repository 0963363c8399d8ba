using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Wire;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Web.Ingestion;
using Sentinel.Web.Keys;

namespace Sentinel.Web.Trust;

/// <summary>The customer's backend, with the project's secret key: read a session's verdict, report its outcome.</summary>
internal static class TrustSessionEndpoints
{
    private const int MaxOutcomeBodyBytes = 8 * 1024;

    /// <summary>GET /v1/trust/sessions/{sessionId}.</summary>
    public static async Task<Results<Ok<TrustSessionResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> GetAsync(string sessionId, HttpContext context, TrustSessionsService sessions)
    {
        if (!TrustWireLimits.IsSessionId(sessionId))
        {
            return BadSessionId();
        }

        try
        {
            var view = await sessions.GetAsync(context.ProjectId(), sessionId, context.RequestAborted);
            if (view is null)
            {
                return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 404, Title = "Unknown session.", Detail = $"Project has no session '{sessionId}' (live or finished)." });
            }

            return TypedResults.Ok(new TrustSessionResponse(
                view.SessionId,
                TrustWireNames.Of(view.EffectiveAction),
                view.Score,
                view.Reasons.Select(r => new TrustReasonResponse(r.Model, r.Signal, r.Value, r.Contribution)).ToList(),
                view.EventsSeen,
                view.FirstSeen,
                view.LastSeen,
                view.ModelVersions,
                view.Overridden is { } o ? new TrustOverrideResponse(o.By, TrustWireNames.Of(o.Action), o.Note, o.At) : null));
        }
        catch (TrustStateUnavailableException)
        {
            return TypedResults.Ok(new TrustSessionResponse(
                sessionId,
                TrustWireNames.Of(TrustAction.Challenge),
                0,
                [new TrustReasonResponse("system", "state_unavailable", 1, 0)],
                0,
                null,
                null,
                null,
                null));
        }
    }

    /// <summary>POST /v1/trust/sessions/{sessionId}/outcome.</summary>
    public static async Task<Results<NoContent, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> ReportOutcomeAsync(string sessionId, HttpContext context, TrustSessionsService sessions)
    {
        if (!TrustWireLimits.IsSessionId(sessionId))
        {
            return BadSessionId();
        }

        using var body = await BatchBody.ReadAsync(context.Request, MaxOutcomeBodyBytes, MaxOutcomeBodyBytes, context.RequestAborted);
        if (body.Result != BatchBody.Outcome.Ok)
        {
            return TrustEventsEndpoint.Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"An outcome body has at most {MaxOutcomeBodyBytes} bytes, uncompressed.");
        }

        if (!TryReadOutcome(body.Bytes, out var outcome, out var note, out var field, out var reason))
        {
            return TrustEventsEndpoint.Problem(StatusCodes.Status400BadRequest, "The outcome is not valid.", reason, field: field);
        }

        try
        {
            return await sessions.ReportOutcomeAsync(context.ProjectId(), sessionId, outcome, note, context.RequestAborted)
                ? TypedResults.NoContent()
                : TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 404, Title = "Unknown session.", Detail = $"Project has no session '{sessionId}' (live or finished)." });
        }
        catch (TrustStateUnavailableException)
        {
            context.Response.Headers.RetryAfter = "5";
            return TrustEventsEndpoint.Problem(StatusCodes.Status503ServiceUnavailable, "The session state is unavailable.", "The outcome was not recorded; retry after the Retry-After delay.");
        }
    }

    private static ProblemHttpResult BadSessionId() =>
        TrustEventsEndpoint.Problem(StatusCodes.Status400BadRequest, "The session id is malformed.", $"A session id has {TrustWireLimits.SessionIdMinLength}..{TrustWireLimits.SessionIdMaxLength} characters of A-Z, a-z, 0-9, '_' and '-'.", field: "sessionId");

    private static bool TryReadOutcome(ReadOnlySpan<byte> body, out OutcomeKind outcome, out string? note, out string field, out string reason)
    {
        outcome = default;
        note = null;
        field = "";
        reason = "";
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                (field, reason) = ("", "The body must be an object { \"outcome\": \"legitimate\" | \"fraud\", \"note\"?: string }.");
                return false;
            }

            if (!root.TryGetProperty("outcome", out var value) || value.ValueKind != JsonValueKind.String
                || value.GetString() is not ("legitimate" or "fraud"))
            {
                (field, reason) = ("outcome", "must be \"legitimate\" or \"fraud\".");
                return false;
            }

            outcome = value.GetString() == "fraud" ? OutcomeKind.Fraud : OutcomeKind.Legitimate;
            if (root.TryGetProperty("note", out var text) && text.ValueKind != JsonValueKind.Null)
            {
                if (text.ValueKind != JsonValueKind.String || text.GetString()!.Length > TrustSessionsService.MaxNoteLength)
                {
                    (field, reason) = ("note", $"must be a string of at most {TrustSessionsService.MaxNoteLength} characters.");
                    return false;
                }

                note = text.GetString();
            }

            return true;
        }
        catch (JsonException e)
        {
            (field, reason) = ("", "The body is not valid JSON: " + e.Message);
            return false;
        }
    }
}
