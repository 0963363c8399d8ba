using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Keys;
using Sentinel.Sdk.AspNetCore.Tests.Support;
using Sentinel.Tests.Support;

namespace Sentinel.Sdk.AspNetCore.Tests;

/// <summary>The SDK's System.Diagnostics.Metrics instruments, read through a MeterListener as an exporter would.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Meter_ReportsCapturedSentAndTheBytesSentinelReceived()
    {
        await using var sentinel = SentinelApp.Embedded(kestrel: true).Start();
        var project = await sentinel.CreateProjectAsync("Shop");
        var key = await sentinel.CreateKeyAsync(project.Id, ApiKeyKind.Ingest);
        // The proxy only passes requests through, counting the body bytes that arrived.
        await using var proxy = new FaultProxy(sentinel.ServerAddress) { Mode = FaultProxy.Fault.PassThrough };
        await proxy.StartAsync();
        var app = await TestApp.StartAsync(o =>
        {
            o.Key = key;
            o.Endpoint = proxy.Address;
            o.MaxBatchSize = 10;
            o.FlushInterval = TimeSpan.FromMilliseconds(200);
        });
        using var client = TestApp.Client(app);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/{i}")).StatusCode);
        }

        await app.StopAsync();
        var measured = Collect(app.Services.GetRequiredService<IMeterFactory>());
        await app.DisposeAsync();

        Assert.Equal(25, measured["sentinel.sdk.events.captured"]);
        Assert.Equal(25, measured["sentinel.sdk.events.sent"]);
        Assert.Equal(0, measured["sentinel.sdk.events.dropped"]);
        Assert.Equal(0, measured["sentinel.sdk.events.rejected"]);
        Assert.Equal(0, measured["sentinel.sdk.send.failures"]);
        Assert.Equal(0, measured["sentinel.sdk.queue.length"]);
        Assert.True(proxy.BytesReceived > 0);
        Assert.Equal(proxy.BytesReceived, measured["sentinel.sdk.send.bytes"]);
        Assert.True(proxy.Forwarded >= 3, $"25 events in batches of at most 10 are at least 3 POSTs, got {proxy.Forwarded}");
    }

    /// <summary>One collection of every instrument on the SDK's meter made by this app's meter factory (not another test's).</summary>
    private static Dictionary<string, long> Collect(IMeterFactory appMeters)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Sentinel.Sdk.AspNetCore" && ReferenceEquals(instrument.Meter.Scope, appMeters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
