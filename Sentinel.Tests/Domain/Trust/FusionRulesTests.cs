using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Tests.Domain.Trust;

/// <summary>The rules ADR 013 promises: what may block, and what a verdict's reasons are.</summary>
public sealed class FusionRulesTests
{
    private static readonly string[] SoftSignals =
    [
        Signals.StraightPaths, Signals.SmoothPaths, Signals.ConstantVelocity, Signals.OffClock, Signals.FrameNoise,
        Signals.SteadyHeading, Signals.ZeroHoldClicks, Signals.Teleports, Signals.RegularRhythm, Signals.LowTimingEntropy,
        Signals.RepeatedStrokes, Signals.ReplayedTrajectories, Signals.ShortHolds,
    ];

    [Fact]
    public void ASoftSignal_NeverBlocksAlone_HoweverStrong() =>
        Prop.ForAll(Gen.Elements(SoftSignals).ToArbitrary(), Gen.Choose(1, 100_000).ToArbitrary(), (signal, strength) =>
        {
            var assessment = TrustFusion.Fuse([new Evidence("physics", signal, 1, -strength / 10.0, 500)]);
            return assessment.Score < TrustPolicy.Default.BlockBelow && TrustPolicy.Default.Decide(assessment) == TrustAction.Challenge;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TwoSignalsOfOneTest_AreOneOpinion_TwoTestsMayBlock()
    {
        var sameTest = TrustFusion.Fuse([new Evidence("physics", Signals.RegularRhythm, 0, -3, 100), new Evidence("pattern", Signals.LowTimingEntropy, 0, -3, 100)]);
        var twoTests = TrustFusion.Fuse([new Evidence("physics", Signals.StraightPaths, 0, -3, 100), new Evidence("physics", Signals.OffClock, 0, -3, 100)]);

        Assert.Equal(TrustAction.Challenge, TrustPolicy.Default.Decide(sameTest));
        Assert.Equal(TrustAction.Block, TrustPolicy.Default.Decide(twoTests));
    }

    [Fact]
    public void AConclusiveSignal_MayBlockAlone()
    {
        var assessment = TrustFusion.Fuse([new Evidence("physics", Signals.UntrustedEvents, 5, -10, 100, Conclusive: true), new Evidence("physics", Signals.NaturalStrokes, 0, 2, 100)]);

        Assert.Equal(TrustAction.Block, TrustPolicy.Default.Decide(assessment));
    }

    [Fact]
    public void Reasons_AreWhatMovedTheScore_LargestFirst_AndAddUpToIt() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-2000, 2000).Select(w => w / 100.0)).ToArbitrary(), weights =>
        {
            var evidence = weights.Select((w, i) => new Evidence("physics", SoftSignals[i % SoftSignals.Length] + i, 0, w, 100)).Append(new Evidence("pattern", "nothing", 0, 0, 100)).ToList();
            var assessment = TrustFusion.Fuse(evidence);
            var logOdds = Math.Log(assessment.Score / (1 - assessment.Score));
            var checkable = Math.Abs(logOdds) < 15; // beyond, the score's double has no digits left for the sum
            var magnitudes = assessment.Reasons.Select(r => Math.Abs(r.Weight)).ToList();
            return assessment.Reasons.All(r => r.Weight != 0 && Math.Abs(r.Weight) <= TrustFusion.MaxWeightPerReason)
                && magnitudes.SequenceEqual(magnitudes.OrderDescending())
                && (!checkable || Math.Abs(assessment.Reasons.Sum(r => r.Weight) - logOdds) < 1e-6);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Validate_RefusesAPolicyWhereOneSoftSignalCouldBlock() =>
        Assert.Contains("never blocks alone", (TrustPolicy.Default with { IndependentTestsToBlock = 1 }).Validate(), StringComparison.Ordinal);
}
