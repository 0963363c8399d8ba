using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Tests.Domain.Trust;

public sealed class TrustEngineTests
{
    private static TrustVerdict Run(List<BehaviorEvent> events, TrustContext? context = null, int batchSize = 100)
    {
        var state = new SessionState();
        var verdict = TrustEngine.Evaluate(state, context ?? TrustContext.Default);
        for (var i = 0; i < events.Count; i += batchSize)
        {
            verdict = TrustEngine.Score(state, events.Skip(i).Take(batchSize).ToArray(), context ?? TrustContext.Default);
            state = SessionState.Deserialize(state.Serialize());
        }

        return verdict;
    }

    private static Evidence Reason(TrustVerdict verdict, string reason) =>
        Assert.Single(verdict.Reasons, r => r.Reason == reason);

    [Fact]
    public void StraightLineBot_IsBlocked_WithItsReasons()
    {
        var verdict = Run(Input.Session(seed: 1, moves: 30, bot: true));

        Assert.Equal(TrustAction.Block, verdict.Action);
        // Evenly timed straight steps: straight and constant in speed, each its own reason; two independent tests agree.
        Assert.True(Reason(verdict, "mouse.straight_paths").Weight <= -1);
        Assert.True(Reason(verdict, "mouse.constant_velocity").Weight <= -1);
        Assert.True(Reason(verdict, "mouse.zero_hold_clicks").Weight < 0);
        Assert.Equal(TrustEngine.ModelVersions, verdict.ModelVersions);
    }

    [Fact]
    public void HandLikeSession_IsAllowed()
    {
        var verdict = Run(Input.Session(seed: 2, moves: 30, bot: false));

        Assert.Equal(TrustAction.Allow, verdict.Action);
        Assert.True(Reason(verdict, "mouse.natural_strokes").Weight > 0);
    }

    [Fact]
    public void UntrustedEvents_CountAgainst()
    {
        var events = Input.Session(seed: 4, moves: 30, bot: false).Select(e => e with { IsTrusted = false }).ToList();

        var verdict = Run(events);

        var untrusted = Reason(verdict, "input.untrusted_events");
        Assert.True(untrusted.Conclusive);
        Assert.Equal(-TrustFusion.MaxConclusiveWeight, untrusted.Weight);
        Assert.Equal(TrustAction.Block, verdict.Action);
    }

    [Fact]
    public void ZeroDelayAndConstantIntervalTyping_AreBlocked_PersonLikeTypingIsAllowed()
    {
        var zeroDelay = Run(Input.Typing(Enumerable.Repeat((1.5, 0.5), 60)));
        var constant = Run(Input.Typing(Enumerable.Range(0, 60).Select(i => (150.0 + (i % 2 * 0.4), 80.0))));
        var person = Run(Input.HumanTyping(seed: 7, keys: 60));

        Assert.Equal(TrustAction.Block, zeroDelay.Action);
        Assert.True(Reason(zeroDelay, "keys.short_holds").Weight < 0);
        Assert.Equal(TrustAction.Block, constant.Action);
        Assert.True(Reason(constant, "keys.regular_rhythm").Weight < 0);
        Assert.True(Reason(constant, "pattern.low_timing_entropy").Weight < 0);
        Assert.Equal(TrustAction.Allow, person.Action);
    }

    [Fact]
    public void ReplayedSession_IsFoundInTheCatalog_ButTheOriginalIsNotAccused()
    {
        var original = Input.Session(seed: 8, moves: 30, bot: false);
        var stranger = Input.Session(seed: 9, moves: 30, bot: false);
        var catalog = new InMemoryReplayCatalog();
        var recorded = new SessionState();
        recorded.Apply(original.ToArray());
        catalog.Add(TrustEngine.Fingerprint(recorded, "original"));

        var replay = Run(original.Select(e => e with { TimestampMs = e.TimestampMs + 90_000 }).ToList(), new TrustContext(TrustPolicy.Default, "replay", catalog));
        var itself = Run(original, new TrustContext(TrustPolicy.Default, "original", catalog));
        var other = Run(stranger, new TrustContext(TrustPolicy.Default, "stranger", catalog));

        Assert.True(Reason(replay, "pattern.replayed_trajectories").Value > 0.5);
        Assert.Equal(TrustAction.Block, replay.Action);
        Assert.DoesNotContain(itself.Reasons, r => r.Reason == "pattern.replayed_trajectories");
        Assert.DoesNotContain(other.Reasons, r => r.Reason == "pattern.replayed_trajectories");
    }

    [Fact]
    public void RepeatedTypingRhythm_IsFoundInTheCatalog()
    {
        var original = Input.HumanTyping(seed: 10, keys: 80);
        var catalog = new InMemoryReplayCatalog();
        var recorded = new SessionState();
        recorded.Apply(original.ToArray());
        catalog.Add(TrustEngine.Fingerprint(recorded, "typist"));

        var replay = Run(original.Select(e => e with { TimestampMs = e.TimestampMs + 5000 }).ToList(), new TrustContext(TrustPolicy.Default, "bot", catalog));
        var fresh = Run(Input.HumanTyping(seed: 11, keys: 80), new TrustContext(TrustPolicy.Default, "someone", catalog));

        Assert.True(Reason(replay, "pattern.replayed_rhythm").Value > 0.5);
        Assert.DoesNotContain(fresh.Reasons, r => r.Reason == "pattern.replayed_rhythm");
    }

    [Fact]
    public void TooLittleEvidence_NeverBlocks_WhateverTheInput() =>
        Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (seed, moves) =>
        {
            // Up to three moves: fewer judged strokes and keystrokes than the default minimum of 20.
            var verdict = Run(Input.Session(seed, moves, bot: seed % 2 == 0));
            return verdict.Observations >= TrustPolicy.Default.MinimumObservations || verdict.Action != TrustAction.Block;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void BatchBoundaries_DoNotChangeTheVerdict()
    {
        var events = Input.Session(seed: 12, moves: 20, bot: false);

        var small = Run(events, batchSize: 7);
        var large = Run(events, batchSize: 500);

        Assert.Equal(large.Score, small.Score, 10);
    }
}
