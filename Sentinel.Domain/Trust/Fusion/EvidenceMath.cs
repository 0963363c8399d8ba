namespace Sentinel.Domain.Trust.Fusion;

/// <summary>Log-likelihood ratios for counted signals, shared by the models.</summary>
public static class EvidenceMath
{
    /// <summary>
    /// Log-likelihood ratio of seeing <paramref name="hits"/> of <paramref name="trials"/> under "human" (rate
    /// <paramref name="humanRate"/>) against "bot" (rate <paramref name="botRate"/>), scaled by
    /// <paramref name="temper"/> because consecutive observations of one person are not independent.
    /// </summary>
    public static double BinomialLogLikelihoodRatio(int hits, int trials, double humanRate, double botRate, double temper)
    {
        var misses = Math.Max(0, trials - hits);
        var ratio = (hits * Math.Log(humanRate / botRate)) + (misses * Math.Log((1 - humanRate) / (1 - botRate)));
        return ratio * temper;
    }

    /// <summary>Weight for a count of events that humans almost never produce: each one counts against.</summary>
    public static double PerOccurrence(int count, double weightEach) => count * weightEach;

    /// <summary>Linear ramp from 0 at <paramref name="start"/> to 1 at <paramref name="full"/>, for evidence that firms up with volume.</summary>
    public static double Ramp(double value, double start, double full) => Math.Clamp((value - start) / (full - start), 0, 1);
}
