using System.Buffers;
using System.Buffers.Binary;

namespace Sentinel.Domain.Trust.Statistics;

/// <summary>Little-endian binary writer for the compact session-state format (see <see cref="Session.SessionState"/>).</summary>
public sealed class StateWriter(IBufferWriter<byte> output)
{
    public void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }
}

/// <summary>Reads what <see cref="StateWriter"/> wrote; a truncated buffer throws <see cref="FormatException"/>.</summary>
public ref struct StateReader(ReadOnlySpan<byte> input)
{
    private ReadOnlySpan<byte> _rest = input;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A count read from the buffer, checked against the bound the writer respects.</summary>
    public int ReadCount(int max)
    {
        var count = ReadInt32();
        return count >= 0 && count <= max ? count : throw new FormatException($"Session state count {count} is outside 0..{max}.");
    }

    public readonly bool AtEnd => _rest.IsEmpty;

    private ReadOnlySpan<byte> Take(int length)
    {
        if (_rest.Length < length)
        {
            throw new FormatException("Session state is truncated.");
        }

        var taken = _rest[..length];
        _rest = _rest[length..];
        return taken;
    }
}
