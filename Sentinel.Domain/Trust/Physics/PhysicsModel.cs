using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Domain.Trust.Physics;

/// <summary>
/// Physics: input that human bodies and real devices do not produce. Each stroke sign is its own signal, weighed by
/// the tempered binomial log-likelihood ratio of its count under rates estimated from data
/// (<see cref="TrustCalibration"/>, docs/decisions/013); the reason named is the sign that was counted.
/// </summary>
public static class PhysicsModel
{
    public const string ModelName = "physics";
    public const string Version = "physics-2";

    public static void Assess(SessionState state, TrustCalibration calibration, List<Evidence> into)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(into);
        AssessIntegrity(state.Integrity, into);
        AssessStrokes(state, calibration, into);
        AssessClicks(state, calibration, into);
        AssessKeys(state, into);
    }

    private static void AssessIntegrity(InputIntegrity integrity, List<Evidence> into)
    {
        var observations = (int)Math.Min(int.MaxValue, integrity.Events);
        if (integrity.Untrusted > 0)
        {
            // isTrusted=false only comes from dispatchEvent in page script: each one is close to proof.
            into.Add(new Evidence(ModelName, Signals.UntrustedEvents, integrity.Untrusted, EvidenceMath.PerOccurrence(integrity.Untrusted, -2.0), observations, Conclusive: true));
        }

        // Coordinates beyond any screen and more events than any device reports; a clock going backwards is not here
        // (recordings and devices reset clocks: it only breaks the session into segments).
        var impossible = integrity.AbsurdValues + integrity.FloodedEvents;
        if (impossible > 0)
        {
            into.Add(new Evidence(ModelName, Signals.ImpossibleEvents, impossible, EvidenceMath.PerOccurrence(impossible, -0.5), observations, Conclusive: true));
        }
    }

    private static void AssessStrokes(SessionState state, TrustCalibration calibration, List<Evidence> into)
    {
        var mouse = state.Mouse;
        var n = mouse.JudgedStrokes;
        if (n > 0)
        {
            var temper = calibration.StrokeTemper;
            var natural = calibration.AnySign.LogLikelihoodRatio(mouse.SyntheticStrokes, n, temper);
            if (natural > 0)
            {
                into.Add(new Evidence(ModelName, Signals.NaturalStrokes, (double)mouse.SyntheticStrokes / n, natural, n));
            }

            AddSign(into, Signals.StraightPaths, mouse.StraightStrokes, n, calibration.Straight, temper);
            AddSign(into, Signals.ConstantVelocity, mouse.ConstantVelocityStrokes, n, calibration.ConstantVelocity, temper);
            AddSign(into, Signals.SmoothPaths, mouse.SmoothStrokes, n, calibration.Smooth, temper);
            AddSign(into, Signals.TooFast, mouse.TooFastStrokes, n, calibration.TooFast, temper);
            AddSign(into, Signals.OffClock, mouse.OffClockStrokes, n, calibration.OffClock, temper);
        }

        AssessFrameNoise(mouse, calibration, into);

        // A few jumps happen when the pointer leaves and re-enters the window; many do not.
        var unexplainedJumps = mouse.Teleports - 1 - (mouse.JudgedStrokes / 50);
        if (unexplainedJumps > 0)
        {
            into.Add(new Evidence(ModelName, Signals.Teleports, mouse.Teleports, EvidenceMath.PerOccurrence(unexplainedJumps, -1.0), Math.Max(mouse.JudgedStrokes, mouse.Teleports)));
        }
    }

    /// <summary>
    /// Whether speed and direction reverse frame to frame more often than in any but 1% of people's sessions:
    /// minimum-jerk paths with per-frame noise and pixel-rounded smooth curves do. The contribution is the
    /// calibrated ratio of such sessions among people and among synthetic bots.
    /// </summary>
    private static void AssessFrameNoise(Mouse.MouseTracker mouse, TrustCalibration calibration, List<Evidence> into)
    {
        var noise = mouse.FrameNoise;
        if (noise.Count >= TrustCalibration.FrameNoiseMinimumStrokes && noise.Mean > calibration.FrameNoiseThreshold)
        {
            var rates = calibration.NoisyFrameSessions;
            into.Add(new Evidence(ModelName, Signals.FrameNoise, noise.Mean, Math.Log(rates.Human / rates.Bot), (int)noise.Count));
        }

        // A hand wobbles: its heading changes a little every frame. A smooth curve's heading changes only by its
        // curvature and pixel rounding.
        var wobble = mouse.Wobble;
        if (wobble.Count >= TrustCalibration.FrameNoiseMinimumStrokes && wobble.Mean < calibration.WobbleThreshold)
        {
            var rates = calibration.SteadySessions;
            into.Add(new Evidence(ModelName, Signals.SteadyHeading, wobble.Mean, Math.Log(rates.Human / rates.Bot), (int)wobble.Count));
        }
    }

    /// <summary>A sign speaks only against: its absence is already in <see cref="Signals.NaturalStrokes"/>.</summary>
    private static void AddSign(List<Evidence> into, string signal, int count, int strokes, SignRates rates, double temper)
    {
        var weight = rates.LogLikelihoodRatio(count, strokes, temper);
        if (count > 0 && weight < 0)
        {
            into.Add(new Evidence(ModelName, signal, (double)count / strokes, weight, strokes));
        }
    }

    private static void AssessClicks(SessionState state, TrustCalibration calibration, List<Evidence> into)
    {
        var mouse = state.Mouse;
        if (mouse.ZeroHoldClicks > 0)
        {
            // Released within a millisecond: a dispatched click. Touchpad taps (a few ms) are not counted here.
            var weight = calibration.DispatchedClick.LogLikelihoodRatio(mouse.ZeroHoldClicks, mouse.Clicks, calibration.StrokeTemper);
            if (weight < 0)
            {
                into.Add(new Evidence(ModelName, Signals.ZeroHoldClicks, mouse.ZeroHoldClicks, weight, mouse.Clicks));
            }
        }
    }

    private static void AssessKeys(SessionState state, List<Evidence> into)
    {
        var keys = state.Keys;
        var holds = (int)keys.Holds.Count;
        if (keys.ShortHolds > 0)
        {
            // Key rollover gives people an occasional hold under 10 ms (CMU: about 1 in 1000); scripts give most.
            // Half or more of at least ten keys released within 10 ms is no keyboard a finger presses: conclusive.
            var weight = Math.Min(0, EvidenceMath.BinomialLogLikelihoodRatio(keys.ShortHolds, holds, 0.01, 0.5, 0.5));
            var share = (double)keys.ShortHolds / Math.Max(1, holds);
            if (weight < 0)
            {
                into.Add(new Evidence(ModelName, Signals.ShortHolds, share, weight, holds, Conclusive: holds >= 10 && share >= 0.5));
            }
        }

        if (holds >= 10 && keys.Holds.StandardDeviation < 0.05)
        {
            // Spread of log hold times: CMU typists 0.15-0.45; a script's fixed hold with a millisecond of noise 0.01.
            var weight = -3.0 * EvidenceMath.Ramp(holds, 5, 30);
            into.Add(new Evidence(ModelName, Signals.RegularHolds, keys.Holds.StandardDeviation, weight, holds));
        }

        var flights = keys.Flights;
        if (flights.Count >= 10)
        {
            // Spread of log flight times: people type 0.3-0.8 (CMU); scripts with a fixed delay about 0.02.
            var spread = flights.StandardDeviation;
            var volume = EvidenceMath.Ramp(flights.Count, 5, 30);
            var weight = spread < 0.12 ? -4.0 * volume : spread > 0.2 ? 1.0 * volume : 0;
            into.Add(new Evidence(ModelName, weight < 0 ? Signals.RegularRhythm : Signals.NaturalRhythm, spread, weight, (int)flights.Count));
        }
    }
}
