using System.Net;
using System.Net.Http.Headers;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// A request body that adds its length to <see cref="SentinelCounters.BytesSent"/> once it has been written to the
/// connection: a POST that failed before its body went out does not count, a retry that wrote it again does.
/// </summary>
internal sealed class CountingContent : HttpContent
{
    private readonly ArraySegment<byte> _body;
    private readonly SentinelCounters _counters;

    public CountingContent(ArraySegment<byte> body, bool gzip, SentinelCounters counters)
    {
        _body = body;
        _counters = counters;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body, cancellationToken);
        Interlocked.Add(ref _counters.BytesSentCount, _body.Count);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Count;
        return true;
    }
}
