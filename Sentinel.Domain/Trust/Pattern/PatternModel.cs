using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Domain.Trust.Pattern;

/// <summary>
/// Pattern: what scripts repeat. Timing with too little entropy, the same stroke drawn twice in a session, and
/// trajectories or typing rhythm that an earlier session already contained (a replayed recording).
/// </summary>
public static class PatternModel
{
    public const string ModelName = "pattern";
    public const string Version = "pattern-2";

    /// <summary>Containment at which a replay is reported (humans' best match with another session stays below).</summary>
    public const double ReplayContainment = 0.15;

    /// <summary>Containment at which the session is a replay of a catalogued one: conclusive.</summary>
    public const double ExactReplayContainment = 0.5;

    /// <summary>Judged strokes needed before a session's trajectories are compared with the catalog.</summary>
    public const int MinimumStrokesForReplay = 10;

    /// <summary>Keystroke pairs needed before the rhythm is compared with the catalog.</summary>
    public const int MinimumRhythmTokens = 15;

    public static void Assess(SessionState state, IReplayCatalog? catalog, string? sessionId, TrustCalibration calibration, List<Evidence> into)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(into);
        AssessEntropy(state, into);
        AssessRepeats(state, into);
        if (catalog is not null)
        {
            AssessReplay(state, catalog, sessionId, calibration.ReplayedSessions, into);
        }
    }

    private static void AssessEntropy(SessionState state, List<Evidence> into)
    {
        var histogram = state.Keys.FlightHistogram;
        if (histogram.Total < 20)
        {
            return;
        }

        // People's key-to-key times spread over many 19%-wide bins (3+ bits); a fixed delay fills one or two.
        var entropy = histogram.Entropy();
        var weight = entropy < 2.0 ? -2.0 * (2.0 - entropy) : 0;
        if (weight < 0)
        {
            into.Add(new Evidence(ModelName, Signals.LowTimingEntropy, entropy, weight, histogram.Total));
        }
    }

    private static void AssessRepeats(SessionState state, List<Evidence> into)
    {
        var mouse = state.Mouse;
        var unexplained = mouse.RepeatedStrokes - 2 - (mouse.JudgedStrokes / 20);
        if (unexplained > 0)
        {
            into.Add(new Evidence(ModelName, Signals.RepeatedStrokes, mouse.RepeatedStrokes, EvidenceMath.PerOccurrence(unexplained, -1.0), mouse.JudgedStrokes));
        }
    }

    private static void AssessReplay(SessionState state, IReplayCatalog catalog, string? sessionId, SignRates rates, List<Evidence> into)
    {
        if (state.Mouse.JudgedStrokes >= MinimumStrokesForReplay)
        {
            var match = catalog.BestTrajectoryMatch(state.Mouse.Trajectories, sessionId);
            if (match.Containment >= ReplayContainment)
            {
                into.Add(Replay(Signals.ReplayedTrajectories, match.Containment, state.Mouse.JudgedStrokes, rates));
            }
        }

        if (state.Keys.Rhythm.Tokens >= MinimumRhythmTokens)
        {
            var match = catalog.BestRhythmMatch(state.Keys.Rhythm, sessionId);
            if (match.Containment >= ReplayContainment)
            {
                into.Add(Replay(Signals.ReplayedRhythm, match.Containment, state.Keys.Rhythm.Tokens, rates));
            }
        }
    }

    /// <summary>
    /// Above <see cref="ExactReplayContainment"/> the session is a copy (conclusive, -12 per unit of containment: a
    /// proof, not an estimate); below, the calibrated log ratio of sessions that match this much among replays and
    /// among people.
    /// </summary>
    private static Evidence Replay(string signal, double containment, int observations, SignRates rates) =>
        containment >= ExactReplayContainment
            ? new(ModelName, signal, containment, -12.0 * containment, observations, Conclusive: true)
            : new(ModelName, signal, containment, Math.Log(rates.Human / rates.Bot), observations);
}
