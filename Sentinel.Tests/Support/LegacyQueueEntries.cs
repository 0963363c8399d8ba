using System.Buffers.Binary;
using System.IO.Compression;

namespace Sentinel.Tests.Support;

/// <summary>
/// Queue entries as versions before ADR 029 wrote them (JSON arrays of events, plain or zlib), written here
/// independently of the codec, so a test can leave them in a queue and check that today's workers drain them.
/// </summary>
internal static class LegacyQueueEntries
{
    /// <summary>ADR 012's format: 16 bytes of project, <c>z</c>, the JSON's length (4 bytes little-endian), the zlib stream.</summary>
    public static byte[] ZlibJson(Guid projectId, byte[] eventsJson)
    {
        using var buffer = new MemoryStream();
        buffer.Write(projectId.ToByteArray());
        buffer.WriteByte((byte)'z');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, eventsJson.Length);
        buffer.Write(length);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(eventsJson);
        }

        return buffer.ToArray();
    }

    /// <summary>The first format: 16 bytes of project, then the JSON array itself.</summary>
    public static byte[] PlainJson(Guid projectId, byte[] eventsJson) => [.. projectId.ToByteArray(), .. eventsJson];
}
