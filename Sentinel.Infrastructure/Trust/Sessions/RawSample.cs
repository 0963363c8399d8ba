using System.Buffers;
using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// Raw events of one batch in 20 bytes each (kind, time, x, y, key class, zone, isTrusted): what the review replay of a
/// flagged session draws. Only the most recent chunks of a session are kept (<see cref="TrustOptions.RawSampleBatches"/>).
/// </summary>
public static class RawSample
{
    public const int BytesPerEvent = 20;

    public static byte[] Encode(ReadOnlySpan<BehaviorEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Length * BytesPerEvent);
        var writer = new LittleEndianWriter(buffer);
        foreach (ref readonly var e in events)
        {
            writer.WriteByte((byte)e.Kind);
            writer.WriteDouble(e.TimestampMs);
            writer.WriteSingle(e.X);
            writer.WriteSingle(e.Y);
            writer.WriteByte((byte)e.Key);
            writer.WriteByte(e.KeyZone);
            writer.WriteByte(e.IsTrusted ? (byte)1 : (byte)0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static List<BehaviorEvent> Decode(ReadOnlySpan<byte> data)
    {
        var events = new List<BehaviorEvent>(data.Length / BytesPerEvent);
        var reader = new StateReader(data);
        while (!reader.AtEnd)
        {
            var kind = (BehaviorEventKind)reader.ReadByte();
            var t = reader.ReadDouble();
            var x = reader.ReadSingle();
            var y = reader.ReadSingle();
            var key = (KeyClass)reader.ReadByte();
            var zone = reader.ReadByte();
            var trusted = reader.ReadByte() == 1;
            events.Add(new BehaviorEvent(kind, t, x, y, key, zone, trusted));
        }

        return events;
    }
}
