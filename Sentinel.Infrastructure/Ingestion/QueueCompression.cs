using K4os.Compression.LZ4;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// How queue entries' rows are compressed for Redis: LZ4 (block format, fastest level). Chosen over zlib and zstd
/// by CPU per batch against bytes through Redis (ADR 029, <c>--filter '*QueueCompression*'</c>): the rows are
/// already compact, and every microsecond here is spent twice per batch on the hot path.
/// </summary>
internal static class QueueCompression
{
    public const QueuedBatchCodec.Compression Kind = QueuedBatchCodec.Compression.Lz4;

    public static int MaxCompressedLength(int length) => LZ4Codec.MaximumOutputSize(length);

    /// <summary>Compresses into <paramref name="target"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> target) => LZ4Codec.Encode(source, target, LZ4Level.L00_FAST);

    /// <summary>Whether <paramref name="source"/> decompresses to exactly <paramref name="target"/>'s length.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> target) =>
        target.Length == 0 ? source.Length == 0 : LZ4Codec.Decode(source, target) == target.Length;
}
