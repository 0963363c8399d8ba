using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Session;

/// <summary>What <see cref="InputIntegrity.Admit"/> decided about one event.</summary>
public enum Admission
{
    /// <summary>Feed it to the models.</summary>
    Admit,

    /// <summary>Its time or position is unusable: counted, not fed.</summary>
    Reject,

    /// <summary>The clock went backwards: feed it, but nothing measured may span the break.</summary>
    AdmitAfterBreak,
}

/// <summary>
/// Counts input that no real browser and hand produce: script-dispatched events, coordinates outside any screen,
/// more events per second than any device reports. Such input is evidence, never an error. Time going backwards
/// is counted too, but it is a recording's or a device's clock being reset (it happens in real recordings), so it
/// only breaks the session into segments.
/// </summary>
public sealed class InputIntegrity
{
    /// <summary>Beyond any screen (8K is 7680 wide), or not a number.</summary>
    public const float MaxCoordinate = 16384;

    /// <summary>More events than this in one 100 ms window is a flood (a 1000 Hz mouse plus typing stays below).</summary>
    public const int FloodEventsPerWindow = 250;

    private const double FloodWindowMs = 100;

    private double _windowStart = double.NaN;
    private int _windowCount;

    public long Events { get; private set; }

    public int Untrusted { get; private set; }

    public int TimeReversals { get; private set; }

    public int AbsurdValues { get; private set; }

    public int FloodedEvents { get; private set; }

    public double LastTimestampMs { get; private set; } = double.NaN;

    /// <summary>Checks one event: whether it may reach the models, and whether a segment starts with it.</summary>
    public Admission Admit(in BehaviorEvent e)
    {
        Events++;
        if (!e.IsTrusted)
        {
            Untrusted++;
        }

        if (!double.IsFinite(e.TimestampMs) || (e.IsPointer && !(Math.Abs(e.X) <= MaxCoordinate && Math.Abs(e.Y) <= MaxCoordinate)))
        {
            AbsurdValues++;
            return Admission.Reject;
        }

        var admission = Admission.Admit;
        if (!double.IsNaN(LastTimestampMs) && e.TimestampMs < LastTimestampMs)
        {
            TimeReversals++;
            admission = Admission.AdmitAfterBreak;
            _windowStart = double.NaN;
        }

        LastTimestampMs = e.TimestampMs;
        if (double.IsNaN(_windowStart) || e.TimestampMs - _windowStart >= FloodWindowMs)
        {
            _windowStart = e.TimestampMs;
            _windowCount = 0;
        }

        if (++_windowCount > FloodEventsPerWindow)
        {
            FloodedEvents++;
            return Admission.Reject;
        }

        return admission;
    }

    public void Write(LittleEndianWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt64(Events);
        writer.WriteInt32(Untrusted);
        writer.WriteInt32(TimeReversals);
        writer.WriteInt32(AbsurdValues);
        writer.WriteInt32(FloodedEvents);
        writer.WriteDouble(LastTimestampMs);
        writer.WriteDouble(_windowStart);
        writer.WriteInt32(_windowCount);
    }

    public void Read(ref StateReader reader)
    {
        Events = reader.ReadInt64();
        Untrusted = reader.ReadCount(int.MaxValue);
        TimeReversals = reader.ReadCount(int.MaxValue);
        AbsurdValues = reader.ReadCount(int.MaxValue);
        FloodedEvents = reader.ReadCount(int.MaxValue);
        LastTimestampMs = reader.ReadDouble();
        _windowStart = reader.ReadDouble();
        _windowCount = reader.ReadCount(int.MaxValue);
    }
}
