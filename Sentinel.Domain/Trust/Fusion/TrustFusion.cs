namespace Sentinel.Domain.Trust.Fusion;

/// <summary>The fused view of a session: a score in [0,1] (1 = human) and how much evidence stands behind it.</summary>
public sealed record TrustAssessment(double Score, int Observations, IReadOnlyList<Evidence> Reasons);

/// <summary>
/// Naive-Bayes style fusion: the session's log-odds of being human start at a prior and add every reason's weight.
/// Each reason is capped so that no single signal decides alone; trust accumulates across signals and batches.
/// </summary>
public static class TrustFusion
{
    public const double MaxWeightPerReason = 4.0;

    /// <param name="priorLogOdds">Log-odds of "human" before any evidence; 0 = even.</param>
    public static TrustAssessment Fuse(IReadOnlyList<Evidence> evidence, double priorLogOdds = 0.0)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var logOdds = priorLogOdds;
        var observations = 0;
        foreach (var item in evidence)
        {
            if (double.IsFinite(item.Weight))
            {
                logOdds += Math.Clamp(item.Weight, -MaxWeightPerReason, MaxWeightPerReason);
            }

            observations = Math.Max(observations, item.Observations);
        }

        return new TrustAssessment(1.0 / (1.0 + Math.Exp(-logOdds)), observations, evidence);
    }
}
