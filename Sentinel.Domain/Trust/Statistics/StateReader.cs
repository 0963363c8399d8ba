using System.Buffers.Binary;

namespace Sentinel.Domain.Trust.Statistics;

/// <summary>Reads what <see cref="Binary.LittleEndianWriter"/> wrote; a truncated buffer throws <see cref="FormatException"/>.</summary>
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
