namespace Sentinel.Domain.Trust.Calibration;

/// <summary>
/// The data-estimated part of the physics model: how often each stroke sign and each dispatched click shows in
/// human and bot input, and how much one person's consecutive strokes are worth (the temper). Produced by
/// <c>tools/Sentinel.Evaluation --calibrate</c>; <see cref="Shipped"/> is its output on SapiMouse users 1-60
/// against the evaluation's generated bots (docs/decisions/013). Each signal's contribution is the tempered
/// binomial log-likelihood ratio of its count under these rates.
/// </summary>
public sealed record TrustCalibration
{
    /// <summary>Strokes with at least one sign of synthetic motion.</summary>
    public SignRates AnySign { get; init; }

    public SignRates Straight { get; init; }

    public SignRates ConstantVelocity { get; init; }

    public SignRates Smooth { get; init; }

    public SignRates TooFast { get; init; }

    public SignRates OffClock { get; init; }

    /// <summary>Clicks released within a millisecond of the press.</summary>
    public SignRates DispatchedClick { get; init; }

    /// <summary>
    /// Session mean of <see cref="Mouse.StrokeFeatures.FrameNoise"/> above which the session's motion has no mass:
    /// the 99th percentile of the calibration's human sessions (with at least
    /// <see cref="FrameNoiseMinimumStrokes"/> strokes).
    /// </summary>
    public double FrameNoiseThreshold { get; init; } = 0.5;

    /// <summary>Sessions above <see cref="FrameNoiseThreshold"/>: share among human and among synthetic bot sessions.</summary>
    public SignRates NoisyFrameSessions { get; init; } = new(0.01, 0.3);

    /// <summary>
    /// Session mean of <see cref="Mouse.StrokeFeatures.MeanTurn"/> below which the path has no wobble: the 1st
    /// percentile of the calibration's human sessions.
    /// </summary>
    public double WobbleThreshold { get; init; } = 0.05;

    /// <summary>Sessions below <see cref="WobbleThreshold"/>: share among human and among synthetic bot sessions.</summary>
    public SignRates SteadySessions { get; init; } = new(0.01, 0.3);

    /// <summary>Strokes with a frame-noise value a session needs before its mean is judged.</summary>
    public const int FrameNoiseMinimumStrokes = 15;

    /// <summary>
    /// Sessions whose trajectories another catalogued session holds at least at
    /// <see cref="Pattern.PatternModel.ReplayContainment"/>: share among human sessions (against the other humans)
    /// and among replay bots (recordings sent again with noise, warped or re-timed).
    /// </summary>
    public SignRates ReplayedSessions { get; init; } = new(0.01, 0.9);

    /// <summary>
    /// 1 / overdispersion of humans' per-session sign shares: one person's strokes resemble each other, so n strokes
    /// carry the evidence of about n × temper independent ones.
    /// </summary>
    public double StrokeTemper { get; init; } = 0.25;

    /// <summary>Where the numbers come from.</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// <c>dotnet run --project tools/Sentinel.Evaluation -c Release -- --data ../shared/data --calibrate</c>
    /// (users 1-60, bot seed 7). Regenerate and paste when the signs or the bots change.
    /// </summary>
    public static readonly TrustCalibration Shipped = new()
    {
        AnySign = new(0.03492, 0.778741),
        Straight = new(0.0091, 0.221259),
        ConstantVelocity = new(0.000976, 0.192871),
        Smooth = new(0.017602, 0.344958),
        TooFast = new(0.004629, 0.000963),
        OffClock = new(0.005888, 0.373732),
        DispatchedClick = new(0.000197, 0.400013),
        StrokeTemper = 0.155,
        FrameNoiseThreshold = 0.4895,
        NoisyFrameSessions = new(0.012195, 0.300664),
        WobbleThreshold = 0.0898,
        SteadySessions = new(0.020325, 0.639535),
        ReplayedSessions = new(0.004065, 0.997238),
        Source = "SapiMouse users 1-60 vs generated bots (seed 7)",
    };
}
