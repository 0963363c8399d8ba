using System.Globalization;

namespace Sentinel.Domain.Analytics;

/// <summary>Whether a higher value of a KPI is good news (requests, consumers) or bad news (errors, latency).</summary>
public enum KpiDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// A KPI against the previous period of the same length. Counts and latencies change relatively ("+25%"); rates
/// change in percentage points ("+1.2 pp"), since a relative change of a small rate (0.1% to 0.2% is "+100%") says
/// more than it means. No previous value, or a previous count of zero, has no change to show.
/// </summary>
public sealed record KpiChange(double Amount, bool IsPoints, KpiDirection Direction)
{
    /// <summary>Below this the change is shown as flat: rounding noise is not news.</summary>
    private const double Flat = 0.0005;

    public static KpiChange? Relative(double current, double? previous, KpiDirection direction) =>
        previous is null or 0 || double.IsNaN(current) ? null : new KpiChange((current - previous.Value) / previous.Value, false, direction);

    /// <summary>The change of a rate in [0, 1], in points; null when either period had no requests.</summary>
    public static KpiChange? Points(double currentRate, double? previousRate, bool previousHadRequests, bool currentHasRequests, KpiDirection direction) =>
        previousRate is null || !previousHadRequests || !currentHasRequests ? null : new KpiChange(currentRate - previousRate.Value, true, direction);

    public bool IsFlat => Math.Abs(Amount) < Flat;

    /// <summary>True when the change is good news, false when bad, null when flat.</summary>
    public bool? IsImprovement => IsFlat ? null : (Amount > 0) == (Direction == KpiDirection.HigherIsBetter);

    /// <summary>"+25%", "−3.4%", "+1.2 pp", "±0%".</summary>
    public string Text
    {
        get
        {
            if (IsFlat)
            {
                return IsPoints ? "±0 pp" : "±0%";
            }

            var sign = Amount > 0 ? "+" : "−";
            var value = Math.Abs(Amount) * 100;
            var number = value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
            return IsPoints ? $"{sign}{number} pp" : $"{sign}{number}%";
        }
    }
}
