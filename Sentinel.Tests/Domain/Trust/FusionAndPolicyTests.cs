using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Tests.Domain.Trust;

public sealed class FusionAndPolicyTests
{
    private static readonly Arbitrary<double[]> Weights =
        Gen.ArrayOf(Gen.Choose(-800, 800).Select(w => w / 100.0)).ToArbitrary();

    private static List<Evidence> AsEvidence(IEnumerable<double> weights, int observations = 100) =>
        weights.Select((w, i) => new Evidence("physics", $"reason.{i}", w, w, observations)).ToList();

    [Fact]
    public void MoreHumanEvidence_NeverLowersTheScore() =>
        Prop.ForAll(Weights, Gen.Choose(0, 400).Select(w => w / 100.0).ToArbitrary(), (weights, extra) =>
        {
            var before = TrustFusion.Fuse(AsEvidence(weights)).Score;
            var after = TrustFusion.Fuse(AsEvidence(weights.Append(extra))).Score;
            return after >= before;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TooLittleEvidence_NeverBlocks() =>
        Prop.ForAll(Weights, Gen.Choose(0, 19).ToArbitrary(), (weights, observations) =>
        {
            var assessment = TrustFusion.Fuse(AsEvidence(weights, observations));
            return TrustPolicy.Default.Decide(assessment) != TrustAction.Block
                && (TrustPolicy.Default with { WithTooLittleEvidence = TrustAction.Allow }).Decide(assessment) == TrustAction.Allow;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Score_StaysInTheUnitInterval_AndNoReasonDecidesAlone() =>
        Prop.ForAll(Weights, weights =>
        {
            var score = TrustFusion.Fuse(AsEvidence(weights)).Score;
            var single = TrustFusion.Fuse(AsEvidence([-1000])).Score; // soft: capped
            return score is >= 0 and <= 1 && single >= 1 / (1 + Math.Exp(TrustFusion.MaxWeightPerReason)) - 1e-12;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(0.95, TrustAction.Allow)]
    [InlineData(0.70, TrustAction.Allow)]
    [InlineData(0.50, TrustAction.Challenge)]
    [InlineData(0.15, TrustAction.Challenge)]
    [InlineData(0.05, TrustAction.Block)]
    public void Decide_MapsTheScoreThroughTheThresholds(double score, TrustAction expected) =>
        Assert.Equal(expected, TrustPolicy.Default.Decide(new TrustAssessment(score, 100, [new Evidence("physics", Signals.UntrustedEvents, 1, -5, 100, Conclusive: true)])));

    [Fact]
    public void Validate_RefusesAPolicyThatWouldBlockOnTooLittleEvidence()
    {
        Assert.Null(TrustPolicy.Default.Validate());
        Assert.Contains("never blocks", (TrustPolicy.Default with { WithTooLittleEvidence = TrustAction.Block }).Validate(), StringComparison.Ordinal);
        Assert.Contains("BlockBelow", (TrustPolicy.Default with { BlockBelow = 0.9 }).Validate(), StringComparison.Ordinal);
    }
}
