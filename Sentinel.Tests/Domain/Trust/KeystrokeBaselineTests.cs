using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Keystrokes;

namespace Sentinel.Tests.Domain.Trust;

public sealed class KeystrokeBaselineTests
{
    // A user whose holds are ~100 ms and latencies ~250 ms, with natural variation; generated, not from the CMU file.
    private static List<double[]> Typing(int seed, int count, double hold, double latency)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, 10).Select(f => (f % 2 == 0 ? hold : latency) * Math.Exp(0.15 * Gaussian(random))).ToArray())
            .ToList();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Distance_OfTheSameUser_IsSmallerThanOfSomeoneWhoTypesDifferently()
    {
        var baseline = KeystrokeBaseline.Learn(Typing(1, 150, hold: 0.10, latency: 0.25));
        var sameUser = Typing(2, 50, hold: 0.10, latency: 0.25).Average(s => baseline.Distance(s));
        var otherUser = Typing(3, 50, hold: 0.08, latency: 0.40).Average(s => baseline.Distance(s));

        Assert.True(sameUser * 2 < otherUser, $"same user {sameUser:F2}, other user {otherUser:F2}");
    }

    [Fact]
    public void Assess_GivesPositiveEvidenceForTheUser_AndNegativeForAnImpostor()
    {
        var baseline = KeystrokeBaseline.Learn(Typing(1, 150, hold: 0.10, latency: 0.25));

        var genuine = KeystrokeAnomalyModel.Assess(baseline, Typing(2, 1, 0.10, 0.25)[0]);
        var impostor = KeystrokeAnomalyModel.Assess(baseline, Typing(3, 1, 0.06, 0.55)[0]);

        Assert.True(genuine.Weight > 0, $"genuine weight {genuine.Weight:F2}");
        Assert.True(impostor.Weight < 0, $"impostor weight {impostor.Weight:F2}");
        Assert.Equal(KeystrokeAnomalyModel.Reason, impostor.Reason);
    }

    [Fact]
    public void Distance_WithTheWrongNumberOfFeatures_SaysSo()
    {
        var baseline = KeystrokeBaseline.Learn(Typing(1, 20, 0.1, 0.25));

        var error = Assert.Throws<ArgumentException>(() => baseline.Distance(new double[3]));
        Assert.Contains("Expected 10 features, got 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distance_OfOneHugePause_IsCapped_SoOneSlipDoesNotDominate()
    {
        var baseline = KeystrokeBaseline.Learn(Typing(1, 100, 0.10, 0.25));
        var sample = Typing(2, 1, 0.10, 0.25)[0];
        var withPause = (double[])sample.Clone();
        withPause[1] = 30.0;

        var options = KeystrokeOptions.Default;
        var increase = baseline.Distance(withPause) - baseline.Distance(sample);
        Assert.True(increase <= (options.FeatureCap + options.OutlierPenalty) / sample.Length + 1e-9, $"increase {increase:F3}");
    }
}
