using System.Buffers;
using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Keystrokes;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Session;

/// <summary>
/// Everything the engine remembers about one session, updated batch by batch: running statistics and compact
/// sketches, never the event history, so it stays a few kilobytes however long the session runs. It serializes to
/// a versioned binary form to live in Redis between batches.
/// </summary>
public sealed class SessionState
{
    /// <summary>
    /// Bump when the layout changes. Format 2 appended the mouse's device state (sign counters, taps, duplicates,
    /// own pace) after format 1's layout, so a format 1 state still reads (those start at zero).
    /// </summary>
    public const byte FormatVersion = 2;

    public InputIntegrity Integrity { get; } = new();

    public MouseTracker Mouse { get; } = new();

    public KeyTracker Keys { get; } = new();

    /// <summary>Wheel, scroll, focus, blur, paste and touch events: counted, as context for the reviewer.</summary>
    public int OtherEvents { get; private set; }

    public int Pastes { get; private set; }

    public int Batches { get; private set; }

    /// <summary>Feeds one batch in order; impossible events are counted by <see cref="Integrity"/> and skipped.</summary>
    public void Apply(ReadOnlySpan<BehaviorEvent> batch)
    {
        Batches++;
        foreach (ref readonly var e in batch)
        {
            var admission = Integrity.Admit(e);
            if (admission == Admission.Reject)
            {
                continue;
            }

            if (admission == Admission.AdmitAfterBreak)
            {
                Mouse.Break();
                Keys.Break();
            }

            switch (e.Kind)
            {
                case BehaviorEventKind.MouseMove or BehaviorEventKind.MouseDown or BehaviorEventKind.MouseUp:
                    Mouse.Add(e);
                    break;
                case BehaviorEventKind.KeyDown or BehaviorEventKind.KeyUp:
                    Keys.Add(e);
                    break;
                case BehaviorEventKind.Paste:
                    Pastes++;
                    OtherEvents++;
                    break;
                default:
                    OtherEvents++;
                    break;
            }
        }
    }

    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new LittleEndianWriter(output);
        writer.WriteByte(FormatVersion);
        writer.WriteInt32(Batches);
        writer.WriteInt32(OtherEvents);
        writer.WriteInt32(Pastes);
        Integrity.Write(writer);
        Mouse.Write(writer);
        Keys.Write(writer);
        Mouse.WriteDeviceState(writer);
    }

    /// <summary>Restores a state; a buffer from an unknown format version or a damaged one gives <see cref="FormatException"/>.</summary>
    public static SessionState Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new StateReader(data);
        var version = reader.ReadByte();
        if (version is not (1 or FormatVersion))
        {
            throw new FormatException($"Session state format {version} is not {FormatVersion}.");
        }

        var state = new SessionState
        {
            Batches = reader.ReadCount(int.MaxValue),
            OtherEvents = reader.ReadCount(int.MaxValue),
            Pastes = reader.ReadCount(int.MaxValue),
        };
        state.Integrity.Read(ref reader);
        state.Mouse.Read(ref reader);
        state.Keys.Read(ref reader);
        if (version >= 2)
        {
            state.Mouse.ReadDeviceState(ref reader);
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("Session state has trailing bytes.");
        }

        return state;
    }
}
