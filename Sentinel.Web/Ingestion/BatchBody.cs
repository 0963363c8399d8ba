using System.Buffers;
using System.IO.Compression;

namespace Sentinel.Web.Ingestion;

/// <summary>
/// Reads a request body within the documented limits: at most <c>maxBody</c> bytes as sent, and for gzip at most
/// <c>maxDecompressed</c> bytes after inflating (so a small bomb cannot fill memory).
/// </summary>
internal static class BatchBody
{
    public enum Outcome
    {
        Ok,
        TooLarge,
        TooLargeDecompressed,
        BadGzip,
        UnsupportedEncoding,
    }

    public static async Task<(Outcome Outcome, byte[] Body)> ReadAsync(HttpRequest request, int maxBody, int maxDecompressed, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBody)
        {
            return (Outcome.TooLarge, []);
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (Outcome.UnsupportedEncoding, []);
        }

        var raw = await ReadLimitedAsync(request.Body, maxBody, cancellationToken);
        if (raw is null)
        {
            return (Outcome.TooLarge, []);
        }

        if (!gzip)
        {
            return (Outcome.Ok, raw);
        }

        try
        {
            await using var inflater = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var inflated = await ReadLimitedAsync(inflater, maxDecompressed, cancellationToken);
            return inflated is null ? (Outcome.TooLargeDecompressed, []) : (Outcome.Ok, inflated);
        }
        catch (InvalidDataException)
        {
            return (Outcome.BadGzip, []);
        }
    }

    /// <summary>The whole stream, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit + 1, 64 * 1024));
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
