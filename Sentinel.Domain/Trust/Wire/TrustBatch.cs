using Sentinel.Domain.Analytics;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Domain.Trust.Wire;

/// <summary>
/// A <c>POST /v1/trust/events</c> body after checking: the session it belongs to, the events that can be scored
/// (with the field marker of each key event) and why the others were dropped.
/// </summary>
public sealed class TrustBatch
{
    public enum Outcome
    {
        Ok,
        NotJson,
        NotABatch,
        BadSession,
        Empty,
        TooManyEvents,
        NoValidEvent,
    }

    internal TrustBatch(Outcome result, string? sessionId, string? userId, int count, BehaviorEvent[] events, string?[] fields, List<EventError> errors, string? detail = null)
    {
        Result = result;
        SessionId = sessionId;
        UserId = userId;
        Count = count;
        Events = events;
        Fields = fields;
        Errors = errors;
        Detail = detail;
    }

    public Outcome Result { get; }

    public string? SessionId { get; }

    public string? UserId { get; }

    /// <summary>Elements of <c>events</c>, valid or not (also past the limit).</summary>
    public int Count { get; }

    /// <summary>The valid events in the order sent.</summary>
    public BehaviorEvent[] Events { get; }

    /// <summary>For each valid event, the <c>data-sentinel-field</c> marker of a key event, else null.</summary>
    public string?[] Fields { get; }

    public int Rejected => Count - Events.Length;

    public IReadOnlyList<EventError> Errors { get; }

    /// <summary>What is wrong when the body is refused whole (the JSON parser's message, the session id rule).</summary>
    public string? Detail { get; }
}
