using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Tests.Domain.Trust;

public sealed class SessionStateTests
{
    /// <summary>Generous bound: the stroke buffer (96 points) and sketches are the bulk of it.</summary>
    private const int MaxStateBytes = 6 * 1024;

    private static readonly Gen<BehaviorEvent> AnyEvent =
        from kind in Gen.Elements(Enum.GetValues<BehaviorEventKind>())
        from t in Gen.Choose(-1000, 1_000_000)
        from x in Gen.Choose(-50_000, 50_000)
        from y in Gen.Choose(-50_000, 50_000)
        from zone in Gen.Choose(0, 255)
        from trusted in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new BehaviorEvent(kind, t / 10.0, x / 10f, y / 10f, KeyClass.Letter, (byte)zone, trusted);

    [Fact]
    public void AnyInput_IsAbsorbed_AndTheStateStaysBoundedAndRoundTrips() =>
        Prop.ForAll(Gen.ArrayOf(AnyEvent).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (events, copies) =>
        {
            var state = new SessionState();
            for (var i = 0; i < copies; i++)
            {
                state.Apply(events);
            }

            var bytes = state.Serialize();
            return bytes.Length <= MaxStateBytes && SessionState.Deserialize(bytes).Serialize().AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void LongSession_StateSizeDoesNotGrow()
    {
        var state = new SessionState();
        state.Apply(Input.Session(seed: 1, moves: 10, bot: false).ToArray());
        var early = state.Serialize().Length;

        var laterEvents = Input.Session(seed: 2, moves: 400, bot: false);
        var offset = state.Integrity.LastTimestampMs;
        state.Apply(laterEvents.Select(e => e with { TimestampMs = e.TimestampMs + offset }).ToArray());

        Assert.True(state.Integrity.Events > 10_000, $"only {state.Integrity.Events} events");
        Assert.InRange(state.Serialize().Length, 1, Math.Max(early, 1) + (96 * 16));
        Assert.True(state.Serialize().Length <= MaxStateBytes);
    }

    [Fact]
    public void ImpossibleInput_IsCountedAsEvidence_NotThrown()
    {
        var state = new SessionState();
        state.Apply(
        [
            BehaviorEvent.Move(100, 10, 10),
            BehaviorEvent.Move(50, 11, 11),             // time going backwards
            BehaviorEvent.Move(double.NaN, 12, 12),     // not a time
            BehaviorEvent.Move(120, 1e9f, 5),           // beyond any screen
            BehaviorEvent.Move(130, float.NaN, 5),
            new BehaviorEvent(BehaviorEventKind.Click, 140, 5, 5, IsTrusted: false),
        ]);

        Assert.Equal(1, state.Integrity.TimeReversals); // counted for the reviewer; a segment break, not evidence
        Assert.Equal(3, state.Integrity.AbsurdValues);
        Assert.Equal(1, state.Integrity.Untrusted);
    }

    [Fact]
    public void AFlood_IsCounted()
    {
        var state = new SessionState();
        state.Apply(Enumerable.Range(0, 1000).Select(i => BehaviorEvent.Move(1000 + (i * 0.01), i % 50, 5)).ToArray());

        Assert.Equal(1000 - InputIntegrity.FloodEventsPerWindow, state.Integrity.FloodedEvents);
    }

    [Fact]
    public void DamagedOrForeignState_IsAFormatError()
    {
        var state = new SessionState();
        state.Apply(Input.Session(seed: 3, moves: 3, bot: false).ToArray());
        var bytes = state.Serialize();

        Assert.Throws<FormatException>(() => SessionState.Deserialize(bytes.AsSpan(0, bytes.Length / 2)));
        bytes[0] = 99;
        Assert.Throws<FormatException>(() => SessionState.Deserialize(bytes));
    }

    [Fact]
    public void AFormat1State_StillReads_WithTheDeviceStateAtZero()
    {
        var state = new SessionState();
        state.Apply(Input.Session(seed: 5, moves: 10, bot: false).ToArray());
        var current = state.Serialize();
        var tail = new ArrayBufferWriter<byte>();
        state.Mouse.WriteDeviceState(new LittleEndianWriter(tail));
        var format1 = current[..^tail.WrittenCount];
        format1[0] = 1;

        var restored = SessionState.Deserialize(format1);

        Assert.Equal(state.Mouse.JudgedStrokes, restored.Mouse.JudgedStrokes);
        Assert.Equal(0, restored.Mouse.FrameNoise.Count);
        Assert.Equal(2, SessionState.FormatVersion);
    }
}
