using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Tests.Domain.Trust;

/// <summary>What real devices and recordings do, and the engine must not read as evidence (issue 14).</summary>
public sealed class DeviceRealismTests
{
    private static (TrustVerdict Verdict, SessionState State) Run(List<BehaviorEvent> events)
    {
        var state = new SessionState();
        var verdict = TrustEngine.Evaluate(state, TrustContext.Default);
        for (var i = 0; i < events.Count; i += 100)
        {
            verdict = TrustEngine.Score(state, events.Skip(i).Take(100).ToArray(), TrustContext.Default);
            state = SessionState.Deserialize(state.Serialize());
        }

        return (verdict, state);
    }

    [Fact]
    public void ADeviceThatReportsEveryPositionTwice_ScoresAsTheSameHand()
    {
        var hand = SignalInput.Person();
        var twice = hand.SelectMany((e, i) => e.Kind == BehaviorEventKind.MouseMove ? [e, e with { TimestampMs = e.TimestampMs + (i % 2 * 4) }] : new[] { e })
            .OrderBy(e => e.TimestampMs).ToList();

        var (original, _) = Run(hand);
        var (doubled, state) = Run(twice);

        Assert.Equal(original.Score, doubled.Score, 12);
        Assert.True(state.Mouse.Duplicates > 100);
    }

    [Fact]
    public void AClockGoingBackwards_BreaksTheSession_WithoutCountingAgainstIt()
    {
        var hand = SignalInput.Person();
        var shifted = hand.Select((e, i) => e with { TimestampMs = e.TimestampMs - ((i * 4 / hand.Count) * 3000) }).ToList();

        var (original, _) = Run(hand);
        var (broken, state) = Run(shifted);

        Assert.Equal(3, state.Integrity.TimeReversals);
        Assert.DoesNotContain(broken.Reasons, r => r.Reason == Signals.ImpossibleEvents);
        Assert.Equal(original.Action, broken.Action);
        Assert.Equal(TrustAction.Allow, broken.Action);
    }

    [Fact]
    public void TouchpadTaps_AreNotDispatchedClicks_ButAReleaseWithinAMillisecondIs()
    {
        static List<BehaviorEvent> WithHold(List<BehaviorEvent> events, double holdMs)
        {
            var result = new List<BehaviorEvent>(events);
            for (var i = 1; i < result.Count; i++)
            {
                if (result[i].Kind == BehaviorEventKind.MouseUp && result[i - 1].Kind == BehaviorEventKind.MouseDown)
                {
                    result[i] = result[i] with { TimestampMs = result[i - 1].TimestampMs + holdMs };
                }
            }

            return result;
        }

        var (taps, tapState) = Run(WithHold(SignalInput.Hand(e => e), 5));
        var (dispatched, _) = Run(WithHold(SignalInput.Hand(e => e), 0));

        Assert.Equal(tapState.Mouse.Clicks, tapState.Mouse.Taps);
        Assert.DoesNotContain(taps.Reasons, r => r.Reason == Signals.ZeroHoldClicks);
        Assert.Contains(dispatched.Reasons, r => r.Reason == Signals.ZeroHoldClicks);
    }

    [Fact]
    public void AFastDeviceWithWholeMillisecondTimestamps_IsOnItsClock()
    {
        // 230 Hz reports stamped in whole milliseconds: intervals alternate 4 and 5 ms around 4.35.
        var points = Enumerable.Range(0, 80)
            .Select(k => new PathPoint(MathF.Round(100 + (k * 6.5f) + (k % 3)), MathF.Round(300 + (20 * MathF.Sin(k / 12f))), Math.Round(k * 1000.0 / 230)))
            .ToArray();

        var stroke = StrokeAnalyzer.Analyze(points);

        Assert.False(StrokeClassifier.Classify(stroke).HasFlag(StrokeSigns.OffClock), $"off-grid share {stroke.OffGridIntervals}");
    }

    [Fact]
    public void AFastPerson_IsJudgedAgainstTheirOwnPace()
    {
        // Forty aimed moves, all faster than the Fitts limit (700 px in 90 ms): fast, but the same hand throughout.
        var fast = SignalInput.Moves((u, r) => (SignalInput.MinimumJerk(u) + ((r.NextDouble() - 0.5) * 0.01), (r.NextDouble() - 0.5) * 4), moves: 40, durationMs: 90, frameMs: 8);

        var (verdict, state) = Run(fast);

        Assert.Equal(0, state.Mouse.TooFastStrokes);
        Assert.DoesNotContain(verdict.Reasons, r => r.Reason == Signals.TooFast);
    }

    [Fact]
    public void ALowRateDevicesFlick_IsNoTeleport_AJumpFasterThanAnyHandIs()
    {
        var tracker = new MouseTracker();
        tracker.Add(BehaviorEvent.Move(1000, 100, 100));
        tracker.Add(BehaviorEvent.Move(1025, 600, 120)); // 500 px in one 40 Hz report
        Assert.Equal(0, tracker.Teleports);

        tracker.Add(BehaviorEvent.Move(1027, 1500, 120)); // 900 px in 2 ms
        Assert.Equal(1, tracker.Teleports);
    }
}
