using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// The bounded queue between the middleware and the sender. Full: the oldest event is dropped and counted, so memory
/// stays bounded and a request never waits on Sentinel.
/// </summary>
internal sealed class SentinelBuffer
{
    private readonly Channel<CapturedRequest> _channel;

    public SentinelBuffer(IOptions<SentinelOptions> options, SentinelCounters counters)
    {
        _channel = Channel.CreateBounded<CapturedRequest>(
            new BoundedChannelOptions(options.Value.MaxBufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref counters.DroppedCount));
        counters.BufferedNow = () => _channel.Reader.Count;
        Counters = counters;
    }

    public SentinelCounters Counters { get; }

    public ChannelReader<CapturedRequest> Reader => _channel.Reader;

    /// <summary>Queues the event; once the sender has finished (after shutdown) the event is counted as dropped instead.</summary>
    public void Add(CapturedRequest record)
    {
        if (_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref Counters.CapturedCount);
        }
        else
        {
            Interlocked.Increment(ref Counters.DroppedCount);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();
}
