using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// One byte layout for a queued batch, used by both queues: 16 bytes of project id, then either the UTF-8 JSON array
/// of events (first byte <c>[</c>) or that array deflated with zlib (first byte <c>z</c>, its length as 4 bytes
/// little-endian, then the zlib stream; the length lets the reader inflate into one array of the right size).
/// Redis gets the compressed form: API events compress about tenfold, and moving 60 KB per batch through Redis
/// cost more CPU (in Redis and in the client's socket writes) than compressing it does. Decoding accepts both.
/// </summary>
internal static class QueuedBatchCodec
{
    private const byte Plain = (byte)'[';
    private const byte Zlib = (byte)'z';
    private const int ZlibHeader = 21;
    private const int MaxInflated = 64 * 1024 * 1024; // far above any accepted batch; guards the allocation against a corrupt length

    public static byte[] Encode(QueuedBatch batch, bool compress = false)
    {
        if (!compress)
        {
            var bytes = new byte[16 + batch.EventsJson.Length];
            batch.ProjectId.TryWriteBytes(bytes.AsSpan(0, 16));
            batch.EventsJson.Span.CopyTo(bytes.AsSpan(16));
            return bytes;
        }

        using var buffer = new MemoryStream(batch.EventsJson.Length / 6);
        Span<byte> header = stackalloc byte[ZlibHeader];
        batch.ProjectId.TryWriteBytes(header);
        header[16] = Zlib;
        BinaryPrimitives.WriteInt32LittleEndian(header[17..], batch.EventsJson.Length);
        buffer.Write(header);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(batch.EventsJson.Span);
        }

        return buffer.ToArray();
    }

    public static QueuedBatch? TryDecode(byte[]? bytes)
    {
        if (bytes is not { Length: > 17 })
        {
            return null;
        }

        var projectId = new Guid(bytes.AsSpan(0, 16));
        switch (bytes[16])
        {
            case Plain:
                return new QueuedBatch(projectId, bytes.AsMemory(16));
            case Zlib when bytes.Length > ZlibHeader && BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(17)) is > 0 and <= MaxInflated and var length:
                try
                {
                    using var zlib = new ZLibStream(new MemoryStream(bytes, ZlibHeader, bytes.Length - ZlibHeader, writable: false), CompressionMode.Decompress);
                    var json = new byte[length];
                    zlib.ReadExactly(json);
                    return zlib.ReadByte() == -1 ? new QueuedBatch(projectId, json) : null;
                }
                catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    public static string Describe(QueuedBatch? batch) =>
        batch is null ? "(undecodable)" : $"project {batch.ProjectId}, {Encoding.UTF8.GetString(batch.EventsJson.Span[..Math.Min(200, batch.EventsJson.Length)])}";
}
