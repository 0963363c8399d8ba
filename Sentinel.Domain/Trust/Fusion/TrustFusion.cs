namespace Sentinel.Domain.Trust.Fusion;

/// <summary>
/// The fused view of a session: a score in [0,1] (1 = human), how much evidence stands behind it, and the reasons
/// that moved the score, each with its capped contribution, largest first.
/// </summary>
public sealed record TrustAssessment(double Score, int Observations, IReadOnlyList<Evidence> Reasons);

/// <summary>
/// Naive-Bayes fusion of calibrated log-likelihood ratios: the session's log-odds of being human start at a prior
/// and add every reason's contribution. Soft contributions are capped (a soft signal is a tendency, and consecutive
/// observations of one person are not independent); conclusive ones may go further. The policy, not the cap, makes
/// sure no soft signal blocks alone.
/// </summary>
public static class TrustFusion
{
    /// <summary>Largest contribution of one soft signal, either way (docs/decisions/013).</summary>
    public const double MaxWeightPerReason = 3.0;

    /// <summary>Largest contribution of one conclusive signal.</summary>
    public const double MaxConclusiveWeight = 12.0;

    /// <param name="priorLogOdds">Log-odds of "human" before any evidence; 0 = even.</param>
    public static TrustAssessment Fuse(IReadOnlyList<Evidence> evidence, double priorLogOdds = 0.0)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var logOdds = priorLogOdds;
        var observations = 0;
        var moved = new List<Evidence>(evidence.Count);
        foreach (var item in evidence)
        {
            observations = Math.Max(observations, item.Observations);
            var cap = item.Conclusive && item.Weight < 0 ? MaxConclusiveWeight : MaxWeightPerReason;
            var contribution = double.IsFinite(item.Weight) ? Math.Clamp(item.Weight, -cap, cap) : 0;
            if (Math.Abs(contribution) < 0.005)
            {
                continue; // did not move the score: not a reason
            }

            logOdds += contribution;
            moved.Add(contribution == item.Weight ? item : item with { Weight = contribution });
        }

        moved.Sort(static (a, b) => Math.Abs(b.Weight) != Math.Abs(a.Weight)
            ? Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight))
            : string.CompareOrdinal(a.Reason, b.Reason));
        return new TrustAssessment(1.0 / (1.0 + Math.Exp(-logOdds)), observations, moved);
    }
}
