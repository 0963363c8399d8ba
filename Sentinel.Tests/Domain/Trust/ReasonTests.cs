using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Tests.Domain.Trust;

/// <summary>
/// One test per reason the engine can name: it appears on the input built for it, and not on an input without the
/// property (a person's input for bot signals, a bot's for the human ones).
/// </summary>
public sealed class ReasonTests
{
    private static TrustVerdict Run(IReadOnlyList<BehaviorEvent> events, TrustContext? context = null)
    {
        var state = new SessionState();
        var verdict = TrustEngine.Evaluate(state, context ?? TrustContext.Default);
        for (var i = 0; i < events.Count; i += 100)
        {
            verdict = TrustEngine.Score(state, events.Skip(i).Take(100).ToArray(), context ?? TrustContext.Default);
            state = SessionState.Deserialize(state.Serialize());
        }

        return verdict;
    }

    private static void AssertNamedOnlyWhereBuilt(string reason, IReadOnlyList<BehaviorEvent> built, IReadOnlyList<BehaviorEvent> without, TrustContext? context = null)
    {
        var fired = Run(built, context);
        var absent = Run(without, context);
        Assert.Contains(fired.Reasons, r => r.Reason == reason && r.Weight != 0);
        Assert.DoesNotContain(absent.Reasons, r => r.Reason == reason);
        var named = Assert.Single(fired.Reasons, r => r.Reason == reason);
        Assert.Equal(Signals.TestOf(reason), named.Test);
    }

    [Fact]
    public void UntrustedEvents() => AssertNamedOnlyWhereBuilt(Signals.UntrustedEvents,
        SignalInput.Hand(e => e with { IsTrusted = false }), SignalInput.Person());

    [Fact]
    public void ImpossibleEvents() => AssertNamedOnlyWhereBuilt(Signals.ImpossibleEvents,
        SignalInput.Hand(e => e.Kind == BehaviorEventKind.MouseMove && e.TimestampMs % 7 == 0 ? e with { X = 1e9f } : e), SignalInput.Person());

    [Fact]
    public void NaturalStrokes() => AssertNamedOnlyWhereBuilt(Signals.NaturalStrokes,
        SignalInput.Person(), Input.Session(seed: 24, moves: 40, bot: true));

    [Fact]
    public void StraightPaths() => AssertNamedOnlyWhereBuilt(Signals.StraightPaths,
        SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u), 0)), SignalInput.Person());

    [Fact]
    public void ConstantVelocity() => AssertNamedOnlyWhereBuilt(Signals.ConstantVelocity,
        SignalInput.Moves((u, r) => (u, 60 * Math.Sin(u * Math.PI))), SignalInput.Person());

    [Fact]
    public void SmoothPaths() => AssertNamedOnlyWhereBuilt(Signals.SmoothPaths,
        SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u), 40 * Math.Sin(u * Math.PI))), SignalInput.Person());

    [Fact]
    public void OffClock()
    {
        // Hand-like paths, but each event sent when a 2-6 ms driver round trip completes, not on a device's clock.
        var random = new Random(25);
        var t = 0.0;
        var offClock = SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u) + (r.NextDouble() * 0.004), 40 * Math.Sin(u * Math.PI) + (r.NextDouble() * 3)), frameMs: 4, durationMs: 240)
            .Select(e => e.Kind == BehaviorEventKind.MouseMove ? e with { TimestampMs = t += 2 + (random.NextDouble() * 4) } : e with { TimestampMs = t += 100 })
            .ToList();

        AssertNamedOnlyWhereBuilt(Signals.OffClock, offClock, SignalInput.Person());
    }

    [Fact]
    public void TooFast_WhenTheCalibrationSaysBotsShowIt()
    {
        // Thirty unhurried aimed moves, then ten that cover the same distance four times faster than Fitts allows.
        var calm = SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u) + ((r.NextDouble() - 0.5) * 0.01), (r.NextDouble() - 0.5) * 4), moves: 30, durationMs: 700);
        var flick = SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u) + ((r.NextDouble() - 0.5) * 0.01), (r.NextDouble() - 0.5) * 4), moves: 10, durationMs: 90, frameMs: 8, seed: 26);
        var shift = calm[^1].TimestampMs + 1000 - flick[0].TimestampMs;
        var calibration = TrustCalibration.Shipped with { TooFast = new SignRates(0.005, 0.2) };
        var context = TrustContext.Default with { Calibration = calibration };

        AssertNamedOnlyWhereBuilt(Signals.TooFast, [.. calm, .. flick.Select(e => e with { TimestampMs = e.TimestampMs + shift })], calm, context);
    }

    [Fact]
    public void Teleports()
    {
        // Every move starts with a 900 px jump in 3 ms.
        var jumps = new List<BehaviorEvent>();
        var random = new Random(27);
        foreach (var e in SignalInput.Hand(e => e))
        {
            if (e.Kind == BehaviorEventKind.MouseDown && random.Next(2) == 0)
            {
                jumps.Add(BehaviorEvent.Move(e.TimestampMs - 3, e.X > 900 ? e.X - 900 : e.X + 900, e.Y));
            }

            jumps.Add(e);
        }

        AssertNamedOnlyWhereBuilt(Signals.Teleports, jumps, SignalInput.Person());
    }

    [Fact]
    public void ZeroHoldClicks()
    {
        var events = SignalInput.Hand(e => e);
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Kind == BehaviorEventKind.MouseUp && events[i - 1].Kind == BehaviorEventKind.MouseDown)
            {
                events[i] = events[i] with { TimestampMs = events[i - 1].TimestampMs };
            }
        }

        AssertNamedOnlyWhereBuilt(Signals.ZeroHoldClicks, events, SignalInput.Person());
    }

    [Fact]
    public void FrameNoise() => AssertNamedOnlyWhereBuilt(Signals.FrameNoise,
        SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u) + ((r.NextDouble() - 0.5) * 0.06), (r.NextDouble() - 0.5) * 12)), SignalInput.Person());

    [Fact]
    public void SteadyHeading() => AssertNamedOnlyWhereBuilt(Signals.SteadyHeading,
        SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u), 30 * Math.Sin(u * Math.PI))), SignalInput.Person());

    [Fact]
    public void ShortHolds() => AssertNamedOnlyWhereBuilt(Signals.ShortHolds,
        Input.Typing(Enumerable.Range(0, 60).Select(i => (150.0 + (i % 7 * 23), 1.0))), SignalInput.Person());

    [Fact]
    public void RegularHolds() => AssertNamedOnlyWhereBuilt(Signals.RegularHolds,
        FixedHolds(Input.HumanTyping(seed: 28, keys: 60), 80), SignalInput.Person());

    [Fact]
    public void RegularRhythm() => AssertNamedOnlyWhereBuilt(Signals.RegularRhythm,
        Input.Typing(Enumerable.Range(0, 60).Select(i => (150.0 + (i % 2 * 0.4), 70.0 + (i % 9 * 7)))), SignalInput.Person());

    [Fact]
    public void NaturalRhythm() => AssertNamedOnlyWhereBuilt(Signals.NaturalRhythm,
        SignalInput.Person(), Input.Typing(Enumerable.Range(0, 60).Select(i => (150.0 + (i % 2 * 0.4), 80.0))));

    [Fact]
    public void LowTimingEntropy() => AssertNamedOnlyWhereBuilt(Signals.LowTimingEntropy,
        Input.Typing(Enumerable.Range(0, 60).Select(i => (150.0 + (i % 2 * 0.4), 70.0 + (i % 9 * 7)))), SignalInput.Person());

    [Fact]
    public void RepeatedStrokes()
    {
        // The same stroke between the same two points, drawn again and again.
        var random = new Random(29);
        var events = new List<BehaviorEvent>();
        for (var i = 0; i < 30; i++)
        {
            var t = 1000 + (i * 2000.0);
            events.AddRange(i % 2 == 0
                ? Input.HandMove(new Random(30), t, 300, 300, 1200, 700)
                : Input.HandMove(random, t, 1200, 700, 300, 300));
        }

        AssertNamedOnlyWhereBuilt(Signals.RepeatedStrokes, events, SignalInput.Person());
    }

    [Fact]
    public void ReplayedTrajectories_AndAnExactCopyIsConclusive()
    {
        var original = SignalInput.Hand(e => e, seed: 31);
        var catalog = Catalog("original", original);
        var context = new TrustContext(TrustPolicy.Default, "replay", catalog);

        AssertNamedOnlyWhereBuilt(Signals.ReplayedTrajectories, original.Select(e => e with { TimestampMs = e.TimestampMs + 90_000 }).ToList(), SignalInput.Person(), context);
        Assert.True(Assert.Single(Run(original, context).Reasons, r => r.Reason == Signals.ReplayedTrajectories).Conclusive);
    }

    [Fact]
    public void ReplayedRhythm()
    {
        var original = Input.HumanTyping(seed: 32, keys: 80);
        var context = new TrustContext(TrustPolicy.Default, "bot", Catalog("typist", original));

        AssertNamedOnlyWhereBuilt(Signals.ReplayedRhythm, original.Select(e => e with { TimestampMs = e.TimestampMs + 5000 }).ToList(), Input.HumanTyping(seed: 33, keys: 80), context);
    }

    [Fact]
    public void MouseProfileDistance_OnlyWithABaseline()
    {
        var baseline = new SessionState();
        baseline.Apply(Input.Session(seed: 34, moves: 80, bot: false).ToArray());
        var context = TrustContext.Default with { MouseBaseline = baseline.Mouse.Profile };
        var session = Input.Session(seed: 35, moves: 40, bot: false);

        Assert.Contains(Run(session, context).Reasons, r => r.Reason == Signals.MouseProfileDistance);
        Assert.DoesNotContain(Run(session).Reasons, r => r.Reason == Signals.MouseProfileDistance);
    }

    [Fact]
    public void EveryNamedSignal_HasATest()
    {
        var tested = typeof(ReasonTests).GetMethods().Select(m => m.Name.Split('_')[0]).ToHashSet(StringComparer.Ordinal);
        var signals = typeof(Signals).GetFields().Where(f => f.IsLiteral).Select(f => f.Name);

        Assert.DoesNotContain(signals, s => !tested.Contains(s) && s != nameof(Signals.KeystrokeDistance));
    }

    private static InMemoryReplayCatalog Catalog(string id, IReadOnlyList<BehaviorEvent> events)
    {
        var state = new SessionState();
        state.Apply(events.ToArray());
        var catalog = new InMemoryReplayCatalog();
        catalog.Add(TrustEngine.Fingerprint(state, id));
        return catalog;
    }

    private static List<BehaviorEvent> FixedHolds(List<BehaviorEvent> typing, double holdMs)
    {
        var downs = typing.Where(e => e.Kind == BehaviorEventKind.KeyDown).ToList();
        return downs.SelectMany(d => new[] { d, BehaviorEvent.KeyRelease(d.TimestampMs + holdMs + ((d.TimestampMs % 3) * 0.1), d.Key, d.KeyZone) })
            .OrderBy(e => e.TimestampMs).ToList();
    }
}
