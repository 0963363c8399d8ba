using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>Which signs of synthetic motion a stroke shows.</summary>
[Flags]
public enum StrokeSigns
{
    None = 0,

    /// <summary>Path straight to within 0.1% over at least 100 px.</summary>
    Straight = 1,

    /// <summary>Speed varies by less than 25% of its mean: no acceleration and deceleration.</summary>
    ConstantVelocity = 2,

    /// <summary>Step lengths follow a smooth curve: no tremor and no corrective sub-movements.</summary>
    Smooth = 4,

    /// <summary>
    /// Faster than Fitts' law lets a hand aim (under 30 ms per bit of index of difficulty) and far faster than the
    /// same hand's own aimed movements in this session.
    /// </summary>
    TooFast = 8,

    /// <summary>Sampling intervals off any clock: events sent when a driver's round trip completes, not when a device reports.</summary>
    OffClock = 16,
}

/// <summary>
/// Tells human strokes from synthetic ones. The thresholds come from the stroke feature percentiles that
/// <c>tools/Sentinel.Evaluation --dump-strokes</c> prints: on SapiMouse 0.9% of human strokes are that straight,
/// 0.1% that constant in speed, 1.3% that smooth at 60 Hz (see docs/decisions/009).
/// </summary>
public static class StrokeClassifier
{
    public const int MinimumPoints = 6;
    public const double MinimumPathLength = 40;
    public const double StraightnessLimit = 0.999;
    public const double StraightMinimumLength = 100;
    public const double ConstantSpeedCv = 0.25;
    public const double SmoothRoughness = 0.12;

    /// <summary>Raw step lengths only say "smooth" at ordinary rates; at 144 Hz and more every path is smooth.</summary>
    public const double RawSmoothRoughness = 0.15;
    public const double RawSmoothMinimumIntervalMs = 12;

    /// <summary>Milliseconds per bit of log2(1 + distance / 20 px): SapiMouse's fastest 5% of strokes take 47.</summary>
    public const double FastestMsPerBit = 30;
    public const double FittsMinimumChord = 200;

    /// <summary>
    /// "Too fast" is judged once the session has this many aimed strokes, and means more than
    /// <see cref="OwnPaceDeviations"/> of the person's own spread faster than their own mean as well as beyond the
    /// Fitts limit: some people are simply fast (issue 14), so only a stroke out of character for this hand counts.
    /// </summary>
    public const int OwnPaceMinimumStrokes = 8;
    public const double OwnPaceDeviations = 2.5;
    private const double OwnPaceMinimumSpread = 0.15;

    /// <summary>SapiMouse: 0.7% of human strokes have more than 35% of their intervals off the sampling grid.</summary>
    public const double OffClockShare = 0.35;

    /// <summary>Whether the stroke is long enough to judge: a few pixels of drift say nothing.</summary>
    public static bool IsJudgeable(in StrokeFeatures stroke) =>
        stroke.Points >= MinimumPoints && stroke.PathLength >= MinimumPathLength;

    /// <summary>Fitts' pace of an aimed stroke (chord at least <see cref="FittsMinimumChord"/>), else null.</summary>
    public static double? MillisecondsPerBit(in StrokeFeatures stroke) =>
        stroke.Chord >= FittsMinimumChord && stroke.DurationMs > 0 ? stroke.DurationMs / Math.Log2(1 + (stroke.Chord / 20)) : null;

    /// <param name="stroke">The stroke's features.</param>
    /// <param name="ownPace">Log ms per bit of the session's earlier aimed strokes.</param>
    public static StrokeSigns Classify(in StrokeFeatures stroke, RunningStats ownPace = default)
    {
        var flags = StrokeSigns.None;
        if (stroke.Straightness >= StraightnessLimit && stroke.PathLength >= StraightMinimumLength)
        {
            flags |= StrokeSigns.Straight;
        }

        if (stroke.SpeedCv < ConstantSpeedCv)
        {
            flags |= StrokeSigns.ConstantVelocity;
        }

        var rawSmooth = stroke.StepRoughness < RawSmoothRoughness && stroke.DurationMs / (stroke.Points - 1) >= RawSmoothMinimumIntervalMs;
        if (stroke.ResampledRoughness < SmoothRoughness || rawSmooth)
        {
            flags |= StrokeSigns.Smooth;
        }

        if (MillisecondsPerBit(stroke) is { } pace && pace < FastestMsPerBit && IsFasterThanOwnPace(pace, ownPace))
        {
            flags |= StrokeSigns.TooFast;
        }

        if (stroke.OffGridIntervals > OffClockShare)
        {
            flags |= StrokeSigns.OffClock;
        }

        return flags;
    }

    private static bool IsFasterThanOwnPace(double pace, RunningStats ownPace) =>
        ownPace.Count >= OwnPaceMinimumStrokes
        && Math.Log(pace) < ownPace.Mean - (OwnPaceDeviations * Math.Max(ownPace.StandardDeviation, OwnPaceMinimumSpread));
}
