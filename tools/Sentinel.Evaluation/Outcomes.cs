using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Evaluation;

/// <summary>Shares of actions, for the evaluation tables.</summary>
internal static class Outcomes
{
    public static double Share(IReadOnlyCollection<TrustAction> actions, TrustAction action) =>
        actions.Count == 0 ? 0 : (double)actions.Count(a => a == action) / actions.Count;
}
