using System.Buffers;
using System.IO.Compression;

namespace Sentinel.Web.Ingestion;

/// <summary>
/// Reads a request body within the documented limits: at most <c>maxBody</c> bytes as sent, and for gzip at most
/// <c>maxDecompressed</c> bytes after inflating (so a small bomb cannot fill memory). The bytes live in pooled
/// arrays: a fresh 64 KB array per request costs the GC far more than parsing the batch does.
/// </summary>
internal sealed class BatchBody : IDisposable
{
    public enum Outcome
    {
        Ok,
        TooLarge,
        TooLargeDecompressed,
        BadGzip,
        UnsupportedEncoding,
    }

    private const int ReadChunk = 16 * 1024;

    private byte[] buffer;
    private int length;

    private BatchBody(int capacity)
    {
        buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public Outcome Result { get; private set; }

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    public static async Task<BatchBody> ReadAsync(HttpRequest request, int maxBody, int maxDecompressed, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBody)
        {
            return Failed(Outcome.TooLarge);
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(Outcome.UnsupportedEncoding);
        }

        var raw = new BatchBody((int)Math.Min(request.ContentLength ?? ReadChunk, maxBody) + 1);
        if (!await raw.FillAsync(request.Body, maxBody, cancellationToken))
        {
            raw.Dispose();
            return Failed(Outcome.TooLarge);
        }

        if (!gzip)
        {
            return raw;
        }

        using (raw)
        {
            var inflated = new BatchBody(Math.Min(raw.length * 4, maxDecompressed) + 1);
            try
            {
                await using var inflater = new GZipStream(new MemoryStream(raw.buffer, 0, raw.length, writable: false), CompressionMode.Decompress);
                if (await inflated.FillAsync(inflater, maxDecompressed, cancellationToken))
                {
                    return inflated;
                }

                inflated.Result = Outcome.TooLargeDecompressed;
            }
            catch (InvalidDataException)
            {
                inflated.Result = Outcome.BadGzip;
            }

            inflated.length = 0;
            return inflated;
        }
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private static BatchBody Failed(Outcome outcome) => new(0) { Result = outcome };

    /// <summary>Reads the whole stream; false as soon as it passes <paramref name="limit"/> bytes.</summary>
    private async Task<bool> FillAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (buffer.Length - length < ReadChunk / 4)
            {
                Grow(Math.Min(buffer.Length * 2, limit + ReadChunk));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return true;
            }

            length += read;
            if (length > limit)
            {
                return false;
            }
        }
    }

    private void Grow(int capacity)
    {
        var larger = ArrayPool<byte>.Shared.Rent(capacity);
        buffer.AsSpan(0, length).CopyTo(larger);
        Dispose();
        buffer = larger;
    }
}
