using System.Diagnostics.Metrics;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// The SDK's counters as <c>System.Diagnostics.Metrics</c> instruments on the meter <see cref="MeterName"/>, for
/// OpenTelemetry, dotnet-counters or any MeterListener. All are observable: they read <see cref="SentinelCounters"/> when
/// a listener collects, so the request path pays nothing for them.
/// </summary>
internal sealed class SentinelMetrics : IDisposable
{
    public const string MeterName = "Sentinel.Sdk.AspNetCore";

    private readonly Meter _meter;

    public SentinelMetrics(IMeterFactory meters, SentinelCounters counters)
    {
        _meter = meters.Create(MeterName, SdkInfo.Version);
        _meter.CreateObservableCounter("sentinel.sdk.events.captured", () => counters.Captured, "{event}", "Requests recorded (after sampling and exclusions).");
        _meter.CreateObservableCounter("sentinel.sdk.events.sent", () => counters.Sent, "{event}", "Events Sentinel accepted.");
        _meter.CreateObservableCounter("sentinel.sdk.events.rejected", () => counters.Rejected, "{event}", "Events Sentinel rejected as invalid.");
        _meter.CreateObservableCounter("sentinel.sdk.events.dropped", () => counters.Dropped, "{event}", "Events lost: buffer full (oldest first), key refused, or unsent at shutdown.");
        _meter.CreateObservableCounter("sentinel.sdk.events.sampled_out", () => counters.SampledOut, "{event}", "Requests skipped by the sample rate.");
        _meter.CreateObservableCounter("sentinel.sdk.send.retries", () => counters.Retried, "{request}", "POSTs repeated after a 429, 5xx, timeout or network error.");
        _meter.CreateObservableCounter("sentinel.sdk.send.failures", () => counters.SendFailures, "{request}", "POST attempts that did not end in a 2xx answer.");
        _meter.CreateObservableCounter("sentinel.sdk.send.bytes", () => counters.BytesSent, "By", "Request body bytes written to Sentinel, as sent (gzipped when on).");
        _meter.CreateObservableUpDownCounter("sentinel.sdk.queue.length", () => counters.Buffered, "{event}", "Events waiting in the buffer now.");
    }

    public void Dispose() => _meter.Dispose();
}
