namespace Sentinel.Sdk.AspNetCore;

/// <summary>What the SDK did, readable by the app (inject <see cref="SentinelCounters"/>); thread-safe.</summary>
public sealed class SentinelCounters
{
    internal long CapturedCount;
    internal long SentCount;
    internal long RejectedCount;
    internal long DroppedCount;
    internal long RetriedCount;
    internal long SampledOutCount;
    internal long SendFailuresCount;
    internal long BytesSentCount;
    internal Func<int> BufferedNow = () => 0;

    /// <summary>Requests recorded (after sampling and exclusions).</summary>
    public long Captured => Interlocked.Read(ref CapturedCount);

    /// <summary>Events Sentinel accepted.</summary>
    public long Sent => Interlocked.Read(ref SentCount);

    /// <summary>Events Sentinel rejected as invalid.</summary>
    public long Rejected => Interlocked.Read(ref RejectedCount);

    /// <summary>Events lost: buffer overflow (oldest first), a refused key, or unsent when shutdown timed out.</summary>
    public long Dropped => Interlocked.Read(ref DroppedCount);

    /// <summary>POSTs repeated after a 429, 5xx, timeout or network error.</summary>
    public long Retried => Interlocked.Read(ref RetriedCount);

    /// <summary>Requests skipped by the sample rate.</summary>
    public long SampledOut => Interlocked.Read(ref SampledOutCount);

    /// <summary>POST attempts that did not end in a 2xx answer (network error, timeout, 4xx, 5xx); each retry counts again.</summary>
    public long SendFailures => Interlocked.Read(ref SendFailuresCount);

    /// <summary>Request body bytes written to Sentinel's connection, as sent (gzipped when on), retries included.</summary>
    public long BytesSent => Interlocked.Read(ref BytesSentCount);

    /// <summary>Events waiting in memory now (not counting the batch in flight).</summary>
    public int Buffered => BufferedNow();
}
