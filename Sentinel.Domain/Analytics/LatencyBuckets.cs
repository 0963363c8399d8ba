namespace Sentinel.Domain.Analytics;

/// <summary>
/// The latency histogram of long views (ADR 031): bucket i holds the durations d with floor(ln(d) × 50) = i, that is
/// [e^(i/50), e^((i+1)/50)) ms, each 2% wider than the last. A percentile of a long view is the bucket of the element
/// ClickHouse's <c>quantileExact</c> would pick (sorted position floor(level × n); the bucket is monotone in the
/// duration, so it is the same element's bucket), reported as the bucket's <see cref="Representative"/>. Every store
/// computes the bucket in SQL with the same formula and returns its number, and the number becomes milliseconds only
/// here, so every store answers the same figure whether it read raw events or hourly histograms.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Buckets per unit of ln(ms): a bucket is e^(1/50) ≈ 1.0202 times as wide as its lower edge.</summary>
    public const int PerLogUnit = 50;

    /// <summary>Durations below one microsecond share the bucket of one microsecond (their error is absolute, at most 1 µs).</summary>
    public const double FloorMs = 0.001;

    /// <summary>tanh(1/100) ≈ 0.99997 %: the worst relative error of <see cref="Representative"/> for a duration ≥ <see cref="FloorMs"/>.</summary>
    public static readonly double MaxRelativeError = Math.Tanh(0.5 / PerLogUnit);

    private static readonly double Ratio = Math.Exp(1.0 / PerLogUnit);

    /// <summary>The bucket of a duration, exactly as the stores' SQL computes it: floor(ln(max(d, 0.001)) × 50).</summary>
    public static int Of(double durationMs) => (int)Math.Floor(Math.Log(Math.Max(durationMs, FloorMs)) * PerLogUnit);

    /// <summary>
    /// The figure reported for a bucket [a, b): the harmonic mean 2ab / (a + b), which is off by at most
    /// (b − a) / (b + a) = <see cref="MaxRelativeError"/> relative to any duration in the bucket (the midpoint would be
    /// off by more at the lower edge).
    /// </summary>
    public static double Representative(int bucket) => 2 * Math.Exp((bucket + 1.0) / PerLogUnit) / (1 + Ratio);

    /// <summary>The estimate of a percentile of these (sorted) durations: the bucket of <see cref="ExactQuantile"/>'s element.</summary>
    public static double Estimate(IReadOnlyList<double> sortedDurations, double level)
    {
        ArgumentNullException.ThrowIfNull(sortedDurations);
        return sortedDurations.Count == 0 ? 0 : Representative(Of(ExactQuantile.Of(sortedDurations, level)));
    }
}
