using ZstdSharp;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// How queue entries' rows are compressed for Redis: zstd at level 1 (ADR 029). Measured against zlib (ADR 012's
/// choice) and LZ4 on a 100-event batch's rows (<c>--filter '*QueueCompression*'</c>): zstd-1 made the smallest
/// entries (5.6× against 4.0× and 3.8×) at no more CPU than LZ4 to compress and the same to decompress. Bytes
/// are what Redis spends its CPU and memory on, and a queued backlog is bounded by Redis memory.
/// Compression contexts are reused per thread: creating one costs more than compressing a batch.
/// </summary>
internal static class QueueCompression
{
    public const QueuedBatchCodec.Compression Kind = QueuedBatchCodec.Compression.Zstd;
    private const int Level = 1;

    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public static int MaxCompressedLength(int length) => Compressor.GetCompressBound(length);

    /// <summary>Compresses into <paramref name="target"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> target) => (t_compressor ??= new Compressor(Level)).Wrap(source, target);

    /// <summary>Whether <paramref name="source"/> decompresses to exactly <paramref name="target"/>'s length.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> target)
    {
        try
        {
            return (t_decompressor ??= new Decompressor()).Unwrap(source, target) == target.Length;
        }
        catch (ZstdException)
        {
            return false;
        }
    }
}
