using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// Anomaly for the mouse: how far this session's stroke profile lies from the user's baseline (the merged profiles
/// of their allowed sessions), feature by feature in units of the baseline's spread.
/// </summary>
public static class MouseAnomalyModel
{
    public const string ModelName = "anomaly";
    public const string Version = "mouse-1";
    public const string Reason = Signals.MouseProfileDistance;
    public const int MinimumBaselineStrokes = 50;
    public const int MinimumSessionStrokes = 20;

    /// <summary>Distance at which the evidence is neutral; see the evaluation's mouse anomaly row.</summary>
    public const double NeutralDistance = 0.35;

    /// <summary>Mean absolute difference of the feature means, in baseline standard deviations.</summary>
    public static double Distance(MouseProfile baseline, MouseProfile session)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(session);
        var total = 0.0;
        for (var i = 0; i < MouseProfile.FeatureCount; i++)
        {
            var reference = baseline.Feature(i);
            var spread = Math.Max(reference.StandardDeviation, 1e-3);
            total += Math.Abs(session.Feature(i).Mean - reference.Mean) / spread;
        }

        return total / MouseProfile.FeatureCount;
    }

    /// <summary>Evidence for "same person as the baseline", or null while either side has too few strokes.</summary>
    public static Evidence? Assess(MouseProfile? baseline, MouseProfile session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (baseline is null || baseline.Strokes < MinimumBaselineStrokes || session.Strokes < MinimumSessionStrokes)
        {
            return null;
        }

        var distance = Distance(baseline, session);
        return new Evidence(ModelName, Reason, distance, 4.0 * (NeutralDistance - distance), (int)session.Strokes);
    }
}
