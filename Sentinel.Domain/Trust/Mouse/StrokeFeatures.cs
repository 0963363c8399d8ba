namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// Kinematics of one stroke (an uninterrupted pointer movement between pauses or clicks), the unit the physics,
/// anomaly and pattern models reason about.
/// </summary>
/// <param name="Points">Samples in the stroke.</param>
/// <param name="DurationMs">First to last sample.</param>
/// <param name="PathLength">Sum of the step lengths, px.</param>
/// <param name="Chord">Straight-line distance from the first to the last sample, px.</param>
/// <param name="MeanSpeed">Path length over duration, px/ms.</param>
/// <param name="MaxSpeed">Fastest step, px/ms.</param>
/// <param name="SpeedCv">Coefficient of variation of the step speeds: about 0 means constant velocity.</param>
/// <param name="SpeedRoughness">
/// Mean absolute second difference of the speed profile relative to the mean speed: how far the profile is from
/// a smooth curve. Human hands and sensors make it rough; eased synthetic motion is smooth.
/// </param>
/// <param name="StepRoughness">
/// The same for the distance between consecutive samples: smooth for paths sampled from a curve at even
/// parameter steps, whatever the timing jitter.
/// </param>
/// <param name="ResampledRoughness">
/// Step roughness of the path resampled in time at 60 Hz (NaN for strokes under four frames): comparable across
/// devices and browsers that report at different rates.
/// </param>
/// <param name="OffGridIntervals">Share of sampling intervals off the grid of the stroke's sampling period.</param>
/// <param name="VelocityPeaks">Separate speed peaks: human aimed movements are made of several sub-movements.</param>
/// <param name="TurnSignChanges">Share of heading changes that reverse the previous one: tremor and corrections.</param>
/// <param name="IntervalCv">Coefficient of variation of the sampling intervals.</param>
/// <param name="MaxStep">Longest single step, px.</param>
/// <param name="SpeedFlips">
/// Share of 60 Hz frames where the speed turns between rising and falling (NaN under three turns): low for the
/// massy motion of a hand, two in three for per-frame noise.
/// </param>
/// <param name="ResampledTurnFlips">
/// Share of 60 Hz heading changes that reverse the previous one (NaN under three): a hand's wobble persists for
/// a few frames, pixel rounding of a smooth curve flips at random.
/// </param>
/// <param name="MeanTurn">Mean absolute heading change per 60 Hz frame, radians: a hand wobbles, a curve does not.</param>
public readonly record struct StrokeFeatures(
    int Points,
    double DurationMs,
    double PathLength,
    double Chord,
    double MeanSpeed,
    double MaxSpeed,
    double SpeedCv,
    double SpeedRoughness,
    double StepRoughness,
    double ResampledRoughness,
    double OffGridIntervals,
    int VelocityPeaks,
    double TurnSignChanges,
    double IntervalCv,
    double MaxStep,
    double SpeedFlips,
    double ResampledTurnFlips,
    double MeanTurn)
{
    /// <summary>
    /// Mean of <see cref="SpeedFlips"/> and <see cref="ResampledTurnFlips"/>: how often, frame to frame, speed and
    /// direction reverse. Motion with mass (a hand on a mouse) reverses seldom; noise added per frame, often.
    /// </summary>
    public double FrameNoise => (SpeedFlips + ResampledTurnFlips) / 2;

    /// <summary>Chord over path length: 1 is a perfectly straight path.</summary>
    public double Straightness => PathLength > 0 ? Chord / PathLength : 1.0;
}
