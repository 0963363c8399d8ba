using System.Buffers.Binary;

namespace Sentinel.Domain.Analytics.Rows;

/// <summary>Reads <see cref="ApiEventRows"/> row by row without copying: every string is a span over the bytes.</summary>
public ref struct ApiEventRowReader
{
    private const int MaxStringLength = 16 * 1024 * 1024;
    private ReadOnlySpan<byte> _rest;

    public ApiEventRowReader(ReadOnlySpan<byte> bytes) => _rest = bytes;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool End => _rest.IsEmpty;

    /// <summary>The next row; false at the end, or when what is left is not a whole row (then <see cref="End"/> is false).</summary>
    public bool TryRead(out ApiEventRow row)
    {
        row = default;
        var rest = _rest;
        if (!Text(ref rest, out var projectId) || !Text(ref rest, out var id) || !UInt32(ref rest, out var timestamp)
            || !Text(ref rest, out var environment) || !Text(ref rest, out var method) || !Text(ref rest, out var host)
            || !Text(ref rest, out var path) || !Text(ref rest, out var route) || !UInt16(ref rest, out var status)
            || !UInt64(ref rest, out var duration) || !UInt64(ref rest, out var requestBytes) || !UInt64(ref rest, out var responseBytes)
            || !Text(ref rest, out var consumerId) || !Text(ref rest, out var ip) || !Text(ref rest, out var userAgent)
            || !Text(ref rest, out var sdkName) || !Text(ref rest, out var sdkVersion) || !Text(ref rest, out var headers)
            || !Text(ref rest, out var error))
        {
            return false;
        }

        _rest = rest;
        row = new ApiEventRow
        {
            ProjectId = projectId,
            Id = id,
            Timestamp = timestamp,
            Environment = environment,
            Method = method,
            Host = host,
            Path = path,
            Route = route,
            Status = status,
            DurationMs = BitConverter.UInt64BitsToDouble(duration),
            RequestBytes = requestBytes,
            ResponseBytes = responseBytes,
            ConsumerId = consumerId,
            Ip = ip,
            UserAgent = userAgent,
            SdkName = sdkName,
            SdkVersion = sdkVersion,
            Headers = headers,
            Error = error,
        };
        return true;
    }

    private static bool Text(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> text)
    {
        text = default;
        var length = 0;
        var shift = 0;
        var at = 0;
        while (true)
        {
            if (at >= rest.Length || shift > 28)
            {
                return false;
            }

            var b = rest[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length is < 0 or > MaxStringLength || rest.Length - at < length)
        {
            return false;
        }

        text = rest.Slice(at, length);
        rest = rest[(at + length)..];
        return true;
    }

    private static bool UInt16(scoped ref ReadOnlySpan<byte> rest, out ushort value)
    {
        var ok = BinaryPrimitives.TryReadUInt16LittleEndian(rest, out value);
        rest = ok ? rest[2..] : rest;
        return ok;
    }

    private static bool UInt32(scoped ref ReadOnlySpan<byte> rest, out uint value)
    {
        var ok = BinaryPrimitives.TryReadUInt32LittleEndian(rest, out value);
        rest = ok ? rest[4..] : rest;
        return ok;
    }

    private static bool UInt64(scoped ref ReadOnlySpan<byte> rest, out ulong value)
    {
        var ok = BinaryPrimitives.TryReadUInt64LittleEndian(rest, out value);
        rest = ok ? rest[8..] : rest;
        return ok;
    }
}
