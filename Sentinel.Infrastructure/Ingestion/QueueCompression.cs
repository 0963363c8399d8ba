using K4os.Compression.LZ4;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// How queue entries' rows are compressed for Redis: LZ4 block format at its fast level (ADR 029). Measured against
/// zlib (ADR 012's choice) and zstd on a 100-event batch's rows (<c>--filter '*QueueCompression*'</c>): zstd-1
/// makes entries a third smaller (7.8 KB against 11.6 KB) but costs about 100 µs more CPU per batch across
/// both sides, while the bytes it saves cost Redis and the two clients about 10 µs; CPU is what the ingest and
/// drain hosts run out of.
/// </summary>
internal static class QueueCompression
{
    public const QueuedBatchCodec.Compression Kind = QueuedBatchCodec.Compression.Lz4;

    public static int MaxCompressedLength(int length) => LZ4Codec.MaximumOutputSize(length);

    /// <summary>Compresses into <paramref name="target"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> target) => LZ4Codec.Encode(source, target, LZ4Level.L00_FAST);

    /// <summary>Whether <paramref name="source"/> decompresses to exactly <paramref name="target"/>'s length (the decoder never writes past it).</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> target) => LZ4Codec.Decode(source, target) == target.Length;
}
