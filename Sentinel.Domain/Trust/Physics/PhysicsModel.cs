using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Domain.Trust.Physics;

/// <summary>
/// Physics: input that human bodies and real devices cannot produce. Rates and limits come from the SapiMouse and
/// CMU data (see docs/decisions/009); each reason's weight is a tempered log-likelihood ratio.
/// </summary>
public static class PhysicsModel
{
    public const string ModelName = "physics";
    public const string Version = "physics-1";

    /// <summary>Share of human strokes that look synthetic by one of the stroke tests (SapiMouse: about 3%).</summary>
    public const double HumanSyntheticRate = 0.04;

    /// <summary>Share of bot strokes that do (generated bots: 65% for the best humanised, over 90% for the rest).</summary>
    public const double BotSyntheticRate = 0.6;

    /// <summary>Consecutive strokes of one hand are correlated; counting each one fully would overstate the evidence.</summary>
    public const double StrokeTemper = 0.25;

    public static void Assess(SessionState state, List<Evidence> into)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(into);
        AssessIntegrity(state.Integrity, into);
        AssessStrokes(state, into);
        AssessClicks(state, into);
        AssessKeys(state, into);
    }

    private static void AssessIntegrity(InputIntegrity integrity, List<Evidence> into)
    {
        var observations = (int)Math.Min(int.MaxValue, integrity.Events);
        if (integrity.Untrusted > 0)
        {
            // isTrusted=false only comes from dispatchEvent in page script: each one is close to proof.
            into.Add(new Evidence(ModelName, "input.untrusted_events", integrity.Untrusted, EvidenceMath.PerOccurrence(integrity.Untrusted, -2.0), observations));
        }

        var impossible = integrity.TimeReversals + integrity.AbsurdValues + integrity.FloodedEvents;
        if (impossible > 0)
        {
            into.Add(new Evidence(ModelName, "input.impossible_events", impossible, EvidenceMath.PerOccurrence(impossible, -0.5), observations));
        }
    }

    private static void AssessStrokes(SessionState state, List<Evidence> into)
    {
        var mouse = state.Mouse;
        if (mouse.JudgedStrokes > 0)
        {
            var weight = EvidenceMath.BinomialLogLikelihoodRatio(mouse.SyntheticStrokes, mouse.JudgedStrokes, HumanSyntheticRate, BotSyntheticRate, StrokeTemper);
            var share = (double)mouse.SyntheticStrokes / mouse.JudgedStrokes;
            into.Add(new Evidence(ModelName, weight >= 0 ? "mouse.natural_strokes" : DominantSign(state), share, weight, mouse.JudgedStrokes));
        }

        // A few jumps happen when the pointer leaves and re-enters the window; many do not.
        var unexplainedJumps = mouse.Teleports - 1 - (mouse.JudgedStrokes / 50);
        if (unexplainedJumps > 0)
        {
            into.Add(new Evidence(ModelName, "mouse.teleports", mouse.Teleports, EvidenceMath.PerOccurrence(unexplainedJumps, -1.0), Math.Max(mouse.JudgedStrokes, mouse.Teleports)));
        }
    }

    private static string DominantSign(SessionState state)
    {
        var mouse = state.Mouse;
        if (mouse.StraightStrokes >= mouse.ConstantVelocityStrokes && mouse.StraightStrokes >= mouse.SmoothStrokes)
        {
            return "mouse.straight_paths";
        }

        return mouse.ConstantVelocityStrokes >= mouse.SmoothStrokes ? "mouse.constant_velocity" : "mouse.smooth_paths";
    }

    private static void AssessClicks(SessionState state, List<Evidence> into)
    {
        var mouse = state.Mouse;
        if (mouse.ZeroHoldClicks > 0)
        {
            // A dispatched click holds the button 0-1 ms, but so does tap-to-click on many touchpads (SapiMouse user 31:
            // 6-7 ms), so this can only ever be weak evidence: at most -1.5, reached at five such clicks.
            var weight = -1.5 * EvidenceMath.Ramp(mouse.ZeroHoldClicks, 0, 5);
            into.Add(new Evidence(ModelName, "mouse.zero_hold_clicks", mouse.ZeroHoldClicks, weight, mouse.Clicks));
        }
    }

    private static void AssessKeys(SessionState state, List<Evidence> into)
    {
        var keys = state.Keys;
        if (keys.ShortHolds > 0)
        {
            // Key rollover gives people an occasional hold under 10 ms (CMU: about 1 in 1000); scripts give most.
            var holds = (int)keys.Holds.Count;
            var weight = Math.Min(0, EvidenceMath.BinomialLogLikelihoodRatio(keys.ShortHolds, holds, 0.01, 0.5, 0.5));
            if (weight < 0)
            {
                into.Add(new Evidence(ModelName, "keys.short_holds", (double)keys.ShortHolds / holds, weight, holds));
            }
        }

        var flights = keys.Flights;
        if (flights.Count >= 10)
        {
            // Spread of log flight times: people type 0.3-0.8 (CMU); scripts with a fixed delay about 0.02.
            var spread = flights.StandardDeviation;
            var volume = EvidenceMath.Ramp(flights.Count, 5, 30);
            var weight = spread < 0.12 ? -4.0 * volume : spread > 0.2 ? 1.0 * volume : 0;
            into.Add(new Evidence(ModelName, weight < 0 ? "keys.regular_rhythm" : "keys.natural_rhythm", spread, weight, (int)flights.Count));
        }
    }
}
