using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Sentinel.Domain.Analytics.Rows;

/// <summary>
/// Appends events as rows of <see cref="ApiEventRows"/>; see there for the layout. A pooled writer (the endpoint's)
/// rents its buffer and gives it back in <see cref="Release"/>: a fresh array the size of the body per request was
/// most of what the endpoint allocated, all of it zeroed and collected for nothing (ADR 029, CPU per event).
/// </summary>
public sealed class ApiEventRowWriter(int capacity = 4096, bool pooled = false)
{
    private byte[] _buffer = pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(256, capacity)) : new byte[Math.Max(256, capacity)];
    private int _length;

    public int Count { get; private set; }

    /// <summary>The rows written so far; the writer must not be used afterwards (they share its buffer).</summary>
    public ApiEventRows ToRows() => Count == 0 ? ApiEventRows.Empty : new ApiEventRows(_buffer.AsMemory(0, _length), Count);

    /// <summary>Gives a pooled buffer back: the rows from <see cref="ToRows"/> must no longer be used.</summary>
    public void Release()
    {
        if (pooled && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
        Count = 0;
    }

    public void Write(ApiEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<byte> project = stackalloc byte[36];
        e.ProjectId.TryFormat(project, out _);
        Text(project);
        Text(e.Id);
        UInt32((uint)UnixTime.Seconds(e.Timestamp));
        Text(e.Environment);
        Text(e.Method);
        Text(e.Host);
        Text(e.Path);
        Text(e.Route);
        UInt16((ushort)e.Status);
        UInt64(BitConverter.DoubleToUInt64Bits(e.DurationMs));
        UInt64((ulong)e.RequestBytes);
        UInt64((ulong)e.ResponseBytes);
        Text(e.ConsumerId);
        Text(e.Ip);
        Text(e.UserAgent);
        Text(e.SdkName);
        Text(e.SdkVersion);
        Text(e.HeadersJson);
        Text(e.Error);
        Count++;
    }

    /// <summary>
    /// An event the reader checked, from its UTF-8 values; <paramref name="projectId"/> is the id's 36 characters.
    /// The row's largest size is reserved once, so the fields are written without a bounds check of the buffer each.
    /// </summary>
    internal void Write(ReadOnlySpan<byte> projectId, in EventValues v)
    {
        var environment = v.Environment.IsEmpty ? DefaultEnvironment : v.Environment;
        var route = v.Route.IsEmpty ? v.Path : v.Route;
        const int Numbers = 4 + 2 + 8 + 8 + 8;
        const int Strings = 16;
        var span = Space(Numbers + (Strings * 5) + projectId.Length + v.Id.Length + environment.Length + v.Method.Length
            + v.Host.Length + v.Path.Length + route.Length + v.ConsumerId.Length + v.Ip.Length + v.UserAgent.Length
            + v.SdkName.Length + v.SdkVersion.Length + v.HeadersJson.Length + v.Error.Length);
        var at = Put(span, projectId);
        at += Put(span[at..], v.Id);
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)UnixTime.Seconds(v.Timestamp));
        at += 4;
        at += Put(span[at..], environment);
        at += Put(span[at..], v.Method);
        at += Put(span[at..], v.Host);
        at += Put(span[at..], v.Path);
        at += Put(span[at..], route);
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)v.Status);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 2)..], BitConverter.DoubleToUInt64Bits(v.DurationMs));
        BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 10)..], (ulong)v.RequestBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 18)..], (ulong)v.ResponseBytes);
        at += 26;
        at += Put(span[at..], v.ConsumerId);
        at += Put(span[at..], v.Ip);
        at += Put(span[at..], v.UserAgent);
        at += Put(span[at..], v.SdkName);
        at += Put(span[at..], v.SdkVersion);
        at += Put(span[at..], v.HeadersJson);
        at += Put(span[at..], v.Error);
        _length += at;
        Count++;
    }

    private static ReadOnlySpan<byte> DefaultEnvironment => "production"u8;

    /// <summary>A String (LEB128 length, then the bytes) at the start of <paramref name="span"/>; returns its size.</summary>
    private static int Put(Span<byte> span, ReadOnlySpan<byte> utf8)
    {
        var at = Length(span, utf8.Length);
        utf8.CopyTo(span[at..]);
        return at + utf8.Length;
    }

    private void Text(ReadOnlySpan<byte> utf8)
    {
        var span = Space(5 + utf8.Length);
        var at = Length(span, utf8.Length);
        utf8.CopyTo(span[at..]);
        _length += at + utf8.Length;
    }

    private void Text(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = Space(5 + length);
        var at = Length(span, length);
        Encoding.UTF8.GetBytes(text, span[at..]);
        _length += at + length;
    }

    /// <summary>At least <paramref name="size"/> free bytes at the end of the rows, growing the buffer when needed.</summary>
    private Span<byte> Space(int size)
    {
        if (_buffer.Length - _length < size)
        {
            var capacity = Math.Max(_buffer.Length * 2, _length + size);
            var larger = pooled ? ArrayPool<byte>.Shared.Rent(capacity) : new byte[capacity];
            _buffer.AsSpan(0, _length).CopyTo(larger);
            if (pooled && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary>LEB128, as RowBinary prefixes a String.</summary>
    private static int Length(Span<byte> span, int length)
    {
        var at = 0;
        var rest = (uint)length;
        while (rest >= 0x80)
        {
            span[at++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        span[at++] = (byte)rest;
        return at;
    }

    private void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Space(2), value);
        _length += 2;
    }

    private void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Space(4), value);
        _length += 4;
    }

    private void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Space(8), value);
        _length += 8;
    }
}
