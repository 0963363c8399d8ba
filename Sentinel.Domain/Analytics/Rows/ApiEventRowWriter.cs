using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Sentinel.Domain.Analytics.Rows;

/// <summary>Appends events as rows of <see cref="ApiEventRows"/>; see there for the layout.</summary>
public sealed class ApiEventRowWriter(int capacity = 4096)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(256, capacity));

    public int Count { get; private set; }

    /// <summary>The rows written so far; the writer must not be used afterwards (they share its buffer).</summary>
    public ApiEventRows ToRows() => Count == 0 ? ApiEventRows.Empty : new ApiEventRows(_buffer.WrittenMemory, Count);

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

    /// <summary>An event the reader checked, from its UTF-8 values; <paramref name="projectId"/> is the id's 36 characters.</summary>
    internal void Write(ReadOnlySpan<byte> projectId, in EventValues v)
    {
        Text(projectId);
        Text(v.Id);
        UInt32((uint)UnixTime.Seconds(v.Timestamp));
        if (v.Environment.IsEmpty)
        {
            Text(ApiEventLimits.DefaultEnvironment);
        }
        else
        {
            Text(v.Environment);
        }

        Text(v.Method);
        Text(v.Host);
        Text(v.Path);
        Text(v.Route.IsEmpty ? v.Path : v.Route);
        UInt16((ushort)v.Status);
        UInt64(BitConverter.DoubleToUInt64Bits(v.DurationMs));
        UInt64((ulong)v.RequestBytes);
        UInt64((ulong)v.ResponseBytes);
        Text(v.ConsumerId);
        Text(v.Ip);
        Text(v.UserAgent);
        Text(v.SdkName);
        Text(v.SdkVersion);
        Text(v.HeadersJson);
        Text(v.Error);
        Count++;
    }

    private void Text(ReadOnlySpan<byte> utf8)
    {
        var span = _buffer.GetSpan(5 + utf8.Length);
        var at = Length(span, utf8.Length);
        utf8.CopyTo(span[at..]);
        _buffer.Advance(at + utf8.Length);
    }

    private void Text(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = _buffer.GetSpan(5 + length);
        var at = Length(span, length);
        Encoding.UTF8.GetBytes(text, span[at..]);
        _buffer.Advance(at + length);
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
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    private void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    private void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }
}
