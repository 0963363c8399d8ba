using System.Globalization;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Evaluation;

/// <summary>Shares of actions with their 95% intervals, for the evaluation tables.</summary>
internal static class Outcomes
{
    public static double Share(IReadOnlyCollection<TrustAction> actions, TrustAction action) =>
        actions.Count == 0 ? 0 : (double)actions.Count(a => a == action) / actions.Count;

    public static int Count(IEnumerable<TrustAction> actions, params TrustAction[] any) => actions.Count(any.Contains);

    /// <summary>Wilson score interval (95%) of k successes in n: honest at 0 and n, unlike the normal approximation.</summary>
    public static (double Low, double High) Wilson(int k, int n)
    {
        if (n == 0)
        {
            return (0, 1);
        }

        const double z = 1.959964;
        var p = (double)k / n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>"2.5% (0.7–8.9)": the rate and its 95% interval, in percent.</summary>
    public static string Rate(int k, int n)
    {
        var (low, high) = Wilson(k, n);
        return string.Create(CultureInfo.InvariantCulture, $"{100.0 * k / Math.Max(1, n):0.0}% ({100 * low:0.0}–{100 * high:0.0})");
    }

    public static string Percent(int k, int n) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * k / Math.Max(1, n):0.0}");
}
