using System.Text;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// One byte layout for a queued batch, used by both queues: 16 bytes of project id, then the UTF-8 JSON array of
/// events. Compact, and decoding needs no JSON parse of the envelope.
/// </summary>
internal static class QueuedBatchCodec
{
    public static byte[] Encode(QueuedBatch batch)
    {
        var bytes = new byte[16 + batch.EventsJson.Length];
        batch.ProjectId.TryWriteBytes(bytes.AsSpan(0, 16));
        batch.EventsJson.Span.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    public static QueuedBatch? TryDecode(byte[]? bytes) =>
        bytes is { Length: > 17 } && bytes[16] == (byte)'['
            ? new QueuedBatch(new Guid(bytes.AsSpan(0, 16)), bytes.AsMemory(16))
            : null;

    public static string Describe(QueuedBatch? batch) =>
        batch is null ? "(undecodable)" : $"project {batch.ProjectId}, {Encoding.UTF8.GetString(batch.EventsJson.Span[..Math.Min(200, batch.EventsJson.Length)])}";
}
