using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Web.Trust;

/// <summary>Body of POST /v1/trust/events. Read by hand (TrustBatchReader); this type documents it in the OpenAPI document.</summary>
[Description("A batch of behaviour events of one browser session. Key events carry key classes and zones, never characters.")]
internal sealed record TrustEventsRequest(
    [property: Required, StringLength(128, MinimumLength = 8), RegularExpression("^[A-Za-z0-9_-]+$"), Description("The page's session id.")] string SessionId,
    [property: StringLength(256), Description("The customer's user id, stored only as a per-project salted hash.")] string? UserId,
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<TrustEventWire> Events);

[Description("One input event as the collector saw it.")]
internal sealed record TrustEventWire(
    [property: Required, Description("Milliseconds since the page's time origin (performance.now()), fractions allowed, non-decreasing within a page.")] double T,
    [property: Required, Description("keydown, keyup, mousemove, mousedown, mouseup, click, wheel, scroll, focus, blur, paste, touchstart, touchmove or touchend.")] string Type,
    [property: Description("CSS px for mouse and touch events; the delta for wheel and scroll.")] double? X,
    [property: Description("CSS px for mouse and touch events; the delta for wheel and scroll.")] double? Y,
    [property: Description("Key events: letter, digit, space, enter, backspace, modifier, navigation, punctuation or other.")] string? Key,
    [property: Range(0, 255), Description("Key events: coarse physical key position, row * 16 + column / 2 of KeyboardEvent.code.")] int? Zone,
    [property: StringLength(32), Description("Key events: the data-sentinel-field marker of the focused element, e.g. password.")] string? Field,
    [property: Range(0, 31)] int? Button,
    [property: Required, Description("The DOM event's isTrusted flag.")] bool IsTrusted);

/// <summary>The only thing the page learns: what to do now.</summary>
internal sealed record TrustActionResponse([property: Description("ALLOW, CHALLENGE or BLOCK.")] string Action);

internal sealed record TrustReasonResponse(string Model, string Signal, double Value, double Contribution);

internal sealed record TrustOverrideResponse(string By, string Action, string? Note, DateTime At);

internal sealed record TrustSessionResponse(
    string SessionId,
    [property: Description("ALLOW, CHALLENGE or BLOCK: a reviewer's override when there is one, else the engine's verdict.")] string Action,
    [property: Description("0..1, 1 = human.")] double Score,
    IReadOnlyList<TrustReasonResponse> Reasons,
    long EventsSeen,
    DateTime? FirstSeen,
    DateTime? LastSeen,
    string? ModelVersions,
    TrustOverrideResponse? Overridden);

[Description("What happened in the session, as the customer's backend knows it.")]
internal sealed record TrustOutcomeRequest(
    [property: Required, Description("legitimate or fraud.")] string Outcome,
    [property: StringLength(2000)] string? Note);

internal static class TrustWireNames
{
    public static string Of(TrustAction action) => action switch
    {
        TrustAction.Allow => "ALLOW",
        TrustAction.Block => "BLOCK",
        _ => "CHALLENGE",
    };
}
