using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Keystrokes;

/// <summary>
/// The anomaly model for typing: how far a typed phrase is from the user's own baseline, as evidence.
/// Distances near the user's usual ones support "same person"; far ones count against.
/// </summary>
public static class KeystrokeAnomalyModel
{
    public const string ModelName = "anomaly";
    public const string Version = "keystroke-1";
    public const string Reason = Signals.KeystrokeDistance;
    public const double NeutralDistance = 2.0;

    /// <summary>
    /// Calibrated on the CMU evaluation (tools/Sentinel.Evaluation prints the quartiles): genuine distances
    /// 0.96 / 1.18 / 1.48, impostors 2.61 / 3.31 / 4.12. The neutral point 2.0 lies between the two.
    /// </summary>
    public static Evidence Assess(KeystrokeBaseline baseline, ReadOnlySpan<double> sample, KeystrokeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var distance = baseline.Distance(sample, options);
        // Linear log-odds around the neutral point; the fusion clamps it, so one phrase never decides alone.
        var weight = 2.0 * (NeutralDistance - distance);
        return new Evidence(ModelName, Reason, distance, weight, sample.Length);
    }
}
