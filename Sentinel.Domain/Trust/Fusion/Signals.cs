namespace Sentinel.Domain.Trust.Fusion;

/// <summary>
/// The signals the engine can name, and the independent test each belongs to. Two signals of one test measure
/// the same property of the input (e.g. the spread and the entropy of key-to-key times), so they never count as
/// two opinions when the policy asks for agreement before blocking.
/// </summary>
public static class Signals
{
    public const string UntrustedEvents = "input.untrusted_events";
    public const string ImpossibleEvents = "input.impossible_events";
    public const string NaturalStrokes = "mouse.natural_strokes";
    public const string StraightPaths = "mouse.straight_paths";
    public const string ConstantVelocity = "mouse.constant_velocity";
    public const string SmoothPaths = "mouse.smooth_paths";
    public const string TooFast = "mouse.too_fast";
    public const string OffClock = "mouse.off_clock";
    public const string Teleports = "mouse.teleports";
    public const string FrameNoise = "mouse.frame_noise";
    public const string SteadyHeading = "mouse.steady_heading";
    public const string ZeroHoldClicks = "mouse.zero_hold_clicks";
    public const string ShortHolds = "keys.short_holds";
    public const string RegularHolds = "keys.regular_holds";
    public const string RegularRhythm = "keys.regular_rhythm";
    public const string NaturalRhythm = "keys.natural_rhythm";
    public const string LowTimingEntropy = "pattern.low_timing_entropy";
    public const string RepeatedStrokes = "pattern.repeated_strokes";
    public const string ReplayedTrajectories = "pattern.replayed_trajectories";
    public const string ReplayedRhythm = "pattern.replayed_rhythm";
    public const string MouseProfileDistance = "mouse.profile_distance";
    public const string KeystrokeDistance = "keystroke.rhythm_distance";

    /// <summary>Independent tests: what each one looks at.</summary>
    public static string TestOf(string signal) => signal switch
    {
        UntrustedEvents or ImpossibleEvents => "integrity",
        StraightPaths or SmoothPaths => "path-shape",
        ConstantVelocity or TooFast => "velocity",
        OffClock => "device-clock",
        FrameNoise => "frame-noise",
        SteadyHeading => "wobble",
        Teleports => "pointer-jumps",
        ZeroHoldClicks => "clicks",
        ShortHolds or RegularHolds => "key-holds",
        RegularRhythm or NaturalRhythm or LowTimingEntropy => "key-rhythm",
        RepeatedStrokes => "repetition",
        ReplayedTrajectories or ReplayedRhythm => "replay",
        NaturalStrokes => "strokes",
        _ => signal,
    };
}
