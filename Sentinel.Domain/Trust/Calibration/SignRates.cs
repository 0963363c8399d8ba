using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Calibration;

/// <summary>How often a sign shows per observation (stroke, click) in human input and in bot input.</summary>
public readonly record struct SignRates(double Human, double Bot)
{
    /// <summary>Tempered binomial log-likelihood ratio of <paramref name="hits"/> in <paramref name="trials"/>: human over bot.</summary>
    public double LogLikelihoodRatio(int hits, int trials, double temper) =>
        EvidenceMath.BinomialLogLikelihoodRatio(hits, trials, Human, Bot, temper);

    /// <summary>Rates from counts, with half an observation added to each side so that 0 of n stays finite.</summary>
    public static SignRates Estimate(long humanHits, long humanTrials, long botHits, long botTrials) =>
        new((humanHits + 0.5) / (humanTrials + 1.0), (botHits + 0.5) / (botTrials + 1.0));
}
