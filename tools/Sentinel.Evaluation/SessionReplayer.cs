using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Evaluation;

/// <summary>
/// Sends a session through the engine the way the browser collector does: a batch every
/// <see cref="BatchIntervalMs"/> of event time or every <see cref="BatchSize"/> events, whichever comes first,
/// through a serialize/deserialize round trip between batches as the state would go through Redis.
/// </summary>
internal static class SessionReplayer
{
    public const double BatchIntervalMs = 2000;
    public const int BatchSize = 100;

    public static (TrustVerdict Verdict, SessionState State) Run(IReadOnlyList<BehaviorEvent> events, TrustContext context)
    {
        var state = new SessionState();
        var verdict = TrustEngine.Evaluate(state, context);
        var batch = new List<BehaviorEvent>(BatchSize);
        var batchStart = events.Count > 0 ? events[0].TimestampMs : 0;
        foreach (var e in events)
        {
            if (batch.Count == BatchSize || e.TimestampMs - batchStart >= BatchIntervalMs)
            {
                (verdict, state) = Send(state, batch, context);
                batchStart = e.TimestampMs;
            }

            batch.Add(e);
        }

        if (batch.Count > 0)
        {
            (verdict, state) = Send(state, batch, context);
        }

        return (verdict, state);
    }

    /// <summary>The session's state after all its events, for building the replay catalog.</summary>
    public static SessionState StateOf(IReadOnlyList<BehaviorEvent> events)
    {
        var state = new SessionState();
        state.Apply(events.ToArray());
        return state;
    }

    private static (TrustVerdict, SessionState) Send(SessionState state, List<BehaviorEvent> batch, TrustContext context)
    {
        var verdict = TrustEngine.Score(state, batch.ToArray(), context);
        batch.Clear();
        return (verdict, SessionState.Deserialize(state.Serialize()));
    }
}
