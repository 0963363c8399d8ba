using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// One byte layout for a queued batch, used by both queues: 16 bytes of project id, then a format byte.
/// <list type="bullet">
/// <item><c>R</c> (since ADR 029): the events as rows (<see cref="ApiEventRows"/>): a compression byte
/// (<see cref="Compression"/>), the row count and the rows' length as 4 bytes little-endian each, an XxHash3 of
/// everything before it and the uncompressed rows (8 bytes), then the rows, compressed or not. The drain hands
/// these rows to the store without parsing anything; the hash is what tells a damaged entry (an LZ4 block carries
/// no checksum of its own) from one to store.</item>
/// <item><c>z</c> (ADR 012, before rows): the JSON array of events deflated with zlib, after its length as 4
/// bytes little-endian.</item>
/// <item><c>[</c> (the first format): the JSON array of events itself.</item>
/// </list>
/// The older two still decode, through the same checks the endpoint runs, into rows: work queued by a previous
/// version survives a rolling upgrade. Redis gets the compressed form; the in-process queue the plain one.
/// </summary>
internal static class QueuedBatchCodec
{
    private const byte Rows = (byte)'R';
    private const byte ZlibJson = (byte)'z';
    private const byte PlainJson = (byte)'[';
    private const int HashAt = 16 + 1 + 1 + 4 + 4;
    private const int RowsHeader = HashAt + 8;
    private const int ZlibHeader = 21;
    private const int MaxInflated = 64 * 1024 * 1024; // far above any accepted batch; guards the allocation against a corrupt length

    /// <summary>How the rows of an <c>R</c> entry are compressed (the byte after the format byte).</summary>
    public enum Compression : byte
    {
        None = 0,
        Lz4 = 2,
    }

    public static byte[] Encode(QueuedBatch batch, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.Rows.Bytes.Span;
        var kind = compress && rows.Length > 0 ? QueueCompression.Kind : Compression.None;
        Span<byte> header = stackalloc byte[RowsHeader];
        batch.ProjectId.TryWriteBytes(header[..16]);
        header[16] = Rows;
        header[17] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(header[18..], batch.Rows.Count);
        BinaryPrimitives.WriteInt32LittleEndian(header[22..], rows.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[HashAt..], Hash(header[..HashAt], rows));
        if (kind == Compression.None)
        {
            return [.. header, .. rows];
        }

        // Compressed into a rented buffer, then copied once into an array of the entry's size: the worst-case bound
        // is the rows' size, four times the entry, and allocating it per request costs more than the copy.
        var scratch = ArrayPool<byte>.Shared.Rent(QueueCompression.MaxCompressedLength(rows.Length));
        try
        {
            var written = QueueCompression.Compress(rows, scratch);
            var bytes = GC.AllocateUninitializedArray<byte>(RowsHeader + written);
            header.CopyTo(bytes);
            scratch.AsSpan(0, written).CopyTo(bytes.AsSpan(RowsHeader));
            return bytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>The batch in an entry's bytes, any of the three formats; null when the bytes are not a whole, valid batch.</summary>
    public static QueuedBatch? TryDecode(byte[]? bytes)
    {
        if (bytes is not { Length: > 17 })
        {
            return null;
        }

        var projectId = new Guid(bytes.AsSpan(0, 16));
        var rows = bytes[16] switch
        {
            Rows => DecodeRows(bytes),
            ZlibJson => Inflate(bytes) is { } json ? ApiEventReader.ForQueuedEvents.ReadQueuedRows(json, projectId) : null,
            PlainJson => ApiEventReader.ForQueuedEvents.ReadQueuedRows(bytes.AsSpan(16), projectId),
            _ => null,
        };
        return rows is null ? null : new QueuedBatch(projectId, rows);
    }

    public static string Describe(QueuedBatch? batch)
    {
        if (batch is null)
        {
            return "(undecodable)";
        }

        var reader = batch.Rows.GetReader();
        var first = reader.TryRead(out var row) ? $", first id {Encoding.UTF8.GetString(row.Id)} at {row.TimestampUtc:O}" : "";
        return $"project {batch.ProjectId}, {batch.Rows.Count} events{first}";
    }

    private static ApiEventRows? DecodeRows(byte[] bytes)
    {
        if (bytes.Length < RowsHeader)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22));
        var payload = bytes.AsMemory(RowsHeader);
        ReadOnlyMemory<byte> rows;
        switch ((Compression)bytes[17])
        {
            case Compression.None when payload.Length == length:
                rows = payload;
                break;
            case var kind when kind == QueueCompression.Kind && length is > 0 and <= MaxInflated:
                var inflated = new byte[length];
                if (!QueueCompression.TryDecompress(payload.Span, inflated))
                {
                    return null;
                }

                rows = inflated;
                break;
            default:
                return null;
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(HashAt)) == Hash(bytes.AsSpan(0, HashAt), rows.Span)
            ? ApiEventRows.TryRead(rows, count)
            : null;
    }

    // One hasher per thread, reset for each entry: a new one per entry is an allocation per request.
    [ThreadStatic]
    private static XxHash3? hasher;

    private static ulong Hash(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rows)
    {
        var hash = hasher ??= new XxHash3();
        hash.Reset();
        hash.Append(header);
        hash.Append(rows);
        return hash.GetCurrentHashAsUInt64();
    }

    private static byte[]? Inflate(byte[] bytes)
    {
        if (bytes.Length <= ZlibHeader || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(17)) is not (> 0 and <= MaxInflated and var length))
        {
            return null;
        }

        try
        {
            using var zlib = new ZLibStream(new MemoryStream(bytes, ZlibHeader, bytes.Length - ZlibHeader, writable: false), CompressionMode.Decompress);
            var json = new byte[length];
            zlib.ReadExactly(json);
            return zlib.ReadByte() == -1 ? json : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
