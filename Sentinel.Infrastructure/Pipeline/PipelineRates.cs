using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>
/// Accepted and drained events per second on THIS host, from the <c>Sentinel</c> meter's own counters
/// (<c>sentinel.ingest.events</c> with result=accepted, <c>sentinel.ingest.events_stored</c>) read through a
/// <see cref="MeterListener"/>, sampled every <see cref="SampleInterval"/> over a <see cref="Window"/>.
/// Only this host's meter is listened to (the factory is the meter's scope), so several hosts in one process (tests)
/// do not count each other's events. With several hosts the page says the figures are this host's.
/// </summary>
public sealed class PipelineRates : BackgroundService
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CounterRate _accepted = new(Window);
    private readonly CounterRate _stored = new(Window);
    private long _acceptedTotal;
    private long _storedTotal;

    public PipelineRates(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == SentinelMetrics.MeterName
                && instrument.Name is "sentinel.ingest.events" or "sentinel.ingest.events_stored")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Events accepted by this host's endpoint since it started.</summary>
    public long AcceptedTotal => Interlocked.Read(ref _acceptedTotal);

    /// <summary>Events this host's workers wrote to the analytics store since it started.</summary>
    public long StoredTotal => Interlocked.Read(ref _storedTotal);

    public (double? AcceptedPerSecond, double? StoredPerSecond) Current
    {
        get
        {
            lock (_lock)
            {
                return (_accepted.PerSecond, _stored.PerSecond);
            }
        }
    }

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleInterval, _time);
        do
        {
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                _accepted.Add(now, AcceptedTotal);
                _stored.Add(now, StoredTotal);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == "sentinel.ingest.events_stored")
        {
            Interlocked.Add(ref _storedTotal, value);
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "result" && tag.Value as string == "accepted")
            {
                Interlocked.Add(ref _acceptedTotal, value);
            }
        }
    }
}
