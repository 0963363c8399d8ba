using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Observability;
using Sentinel.Tests.Support;
using StackExchange.Redis;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// Every accepted event is counted exactly once, with long-running workers (none restarted during a test) on the
/// real Redis and ClickHouse: a dead worker's and a worker's own stranded entries are claimed, Redis restarts,
/// ClickHouse outages longer than MaxDeliveries × ClaimAfter dead-letter nothing, and the backlog is visible.
/// </summary>
public sealed class DeliveryFaultTests
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-20);
    private static readonly TimeSpan ClaimAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ADeadWorkersAndARunningWorkersOwnStrandedEntries_AreClaimedWithinClaimAfter_WhileEveryWorkerKeepsRunning()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Workers:ClaimAfter"] = "00:00:02", ["Workers:DrainSlots"] = "2" });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var project = await first.CreateProjectAsync("Shop");
        await Task.Delay(ClaimAfter * 2); // both workers have polled for longer than ClaimAfter before anything is stranded

        var queue = (RedisIngestQueue)first.Services.GetRequiredService<IIngestQueue>();
        using var redis = await ConnectionMultiplexer.ConnectAsync(settings["Redis:Configuration"]!);
        var clock = Stopwatch.StartNew();
        await StrandAsync(redis.GetDatabase(), queue, "killed-host-worker", project.Id, seed: 100, batches: 5);
        await StrandAsync(redis.GetDatabase(), queue, (await RunningWorkerAsync(first, second)).Consumer, project.Id, seed: 200, batches: 5);

        await first.WaitForStoredAsync(project.Id, Start, 10 * 20, TimeSpan.FromSeconds(15));
        var claimedAfter = clock.Elapsed;
        Assert.True(claimedAfter < ClaimAfter * 2 + TimeSpan.FromSeconds(2), $"The stranded entries were written {claimedAfter} after they were stranded.");
        await Task.Delay(1000);
        Assert.Equal(200, (await first.DashboardAsync(project.Id, Start)).Totals.Requests);
        Assert.Equal((0L, 0L, 0L), Counts(await queue.StatsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task RedisRestartedWhileEntriesArePending_UnderLoad_EveryAcceptedEventIsCountedOnce()
    {
        await using var redisServer = await RedisServer.StartAsync(persistent: true);
        await using var app = SentinelApp.Production(await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisServer.Configuration,
            ["Workers:ClaimAfter"] = "00:00:02",
            ["Workers:MaxFailureBackoff"] = "00:00:01",
        })).Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var queue = (RedisIngestQueue)app.Services.GetRequiredService<IIngestQueue>();
        var sender = new SdkLikeSender(client, key);
        var restarted = false;
        var sending = SendAsync(sender, batches: 40, seed: 1000, pause: TimeSpan.FromMilliseconds(40), until: () => Volatile.Read(ref restarted));
        await Wait.UntilAsync(() => Task.FromResult(sender.Accepted >= 10), TimeSpan.FromSeconds(30), () => "The sender did not get going.");

        using (var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.Configuration))
        {
            await StrandAsync(redis.GetDatabase(), queue, (await RunningWorkerAsync(app)).Consumer, project.Id, seed: 3000, batches: 3);
            await StrandAsync(redis.GetDatabase(), queue, "killed-host-worker", project.Id, seed: 3100, batches: 3);
        }

        // Redis stays down until a request has seen it down (503): how long that takes depends on the Redis client's
        // timeouts and the machine's speed, and a restart no request noticed would not test anything.
        redisServer.Stop();
        await Wait.UntilAsync(() => Task.FromResult(sender.Unavailable > 0), TimeSpan.FromSeconds(60), () => "No request saw Redis down.");
        await redisServer.StartAgainAsync();
        Volatile.Write(ref restarted, true);
        var sent = await sending;
        var expected = (sent + 6) * 20;
        await app.WaitForStoredAsync(project.Id, Start, expected, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        Assert.Equal(expected, (await app.DashboardAsync(project.Id, Start)).Totals.Requests);
        Assert.Equal((0L, 0L, 0L), Counts(await queue.StatsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task ClickHouseDownFor20SecondsUnderLoad_LongerThanMaxDeliveriesTimesClaimAfter_NothingIsDeadLettered_AndEveryEventIsCountedOnce()
    {
        await using var clickHouse = await ClickHouseServer.StartAsync();
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?>
        {
            ["Analytics:ClickHouse:Url"] = clickHouse.Url.ToString(),
            ["Workers:ClaimAfter"] = "00:00:02",
            ["Workers:MaxDeliveries"] = "3", // 3 × 2 s = 6 s, far less than the outage
            ["Workers:MaxFailureBackoff"] = "00:00:02",
            ["Workers:ReadCount"] = "20",
            ["Workers:DrainSlots"] = "2",
        });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var project = await first.CreateProjectAsync("Shop");
        var key = await first.CreateKeyAsync(project.Id);
        using var client = first.CreateClient();
        var queue = first.Services.GetRequiredService<IIngestQueue>();

        var sender = new SdkLikeSender(client, key);
        var sending = SendAsync(sender, batches: 150, seed: 5000, pause: TimeSpan.FromMilliseconds(150));
        await Wait.UntilAsync(() => Task.FromResult(sender.Accepted >= 10), TimeSpan.FromSeconds(30), () => "The sender did not get going.");
        clickHouse.Stop();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var during = await queue.StatsAsync(CancellationToken.None);
        await clickHouse.StartAgainAsync();
        await sending;

        Assert.True(during.Length > 0, "Nothing was waiting while ClickHouse was down; the test did not test the outage.");
        await first.WaitForStoredAsync(project.Id, Start, 150 * 20, TimeSpan.FromSeconds(90));
        await Task.Delay(1500);
        Assert.Equal(150 * 20, (await first.DashboardAsync(project.Id, Start)).Totals.Requests);
        Assert.Equal((0L, 0L, 0L), Counts(await queue.StatsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task TheBacklog_IsMeasured_AndReadyzIsDegradedWhileTheLagPassesTheSetting()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "0",
            ["Workers:LagDegradedAfter"] = "00:00:01",
            ["Workers:BacklogSampleInterval"] = "00:00:00.200",
        });
        await using var ingestOnly = SentinelApp.Production(settings).Start();
        var gauges = ListenToGauges(ingestOnly, out var listener);
        using var _ = listener;
        var project = await ingestOnly.CreateProjectAsync("Shop");
        var key = await ingestOnly.CreateKeyAsync(project.Id);
        using var client = ingestOnly.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(10, 7000 + i, Start))).StatusCode);
        }

        await Task.Delay(1600);
        using var degraded = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
        Assert.Equal("Degraded", degraded.RootElement.GetProperty("status").GetString());
        var backlog = degraded.RootElement.GetProperty("checks").GetProperty("ingest-backlog");
        Assert.Equal("Degraded", backlog.GetProperty("status").GetString());
        Assert.Equal(3, backlog.GetProperty("data").GetProperty("length").GetInt64());

        listener.RecordObservableInstruments();
        Assert.Equal(3, gauges["sentinel.ingest.queue.length"]);
        Assert.Equal(0, gauges["sentinel.ingest.queue.pending"]);
        Assert.InRange(gauges["sentinel.ingest.queue.oldest_age"], 1.0, 60.0);
        Assert.Equal(0, gauges["sentinel.ingest.dead_letters.length"]);

        settings["Workers:Count"] = "1";
        await using var drainer = SentinelApp.Production(settings).Start();
        await drainer.WaitForStoredAsync(project.Id, Start, 30);
        await Wait.UntilAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative))).RootElement.GetProperty("status").GetString() == "Healthy",
            TimeSpan.FromSeconds(10),
            () => "/readyz did not become Healthy once the backlog drained.");
    }

    /// <summary>
    /// Queues batches and delivers them to <paramref name="consumer"/> in one transaction, so no live worker reads
    /// them first: exactly what a worker leaves behind when its host is killed after reading.
    /// </summary>
    private static async Task StrandAsync(IDatabase db, RedisIngestQueue queue, string consumer, Guid projectId, int seed, int batches)
    {
        await db.StreamCreateConsumerGroupAsync(queue.StreamKey, RedisIngestQueue.Group, "0", createStream: true).ContinueWith(_ => { }, TaskScheduler.Default);
        var transaction = db.CreateTransaction();
        for (var i = 0; i < batches; i++)
        {
            var events = new JsonArray(TestEvents.Generate(20, seed + i, Start).Select(e => (JsonNode)e).ToArray());
            // Stranded by a host of the previous version: its zlib JSON entries must still be drained (a rolling upgrade).
            var body = LegacyQueueEntries.ZlibJson(projectId, System.Text.Encoding.UTF8.GetBytes(events.ToJsonString()));
            _ = transaction.StreamAddAsync(queue.StreamKey, "b", body);
        }

        // Under load the oldest undelivered entries may be the endpoint's rather than these: stranded all the same.
        var read = transaction.StreamReadGroupAsync(queue.StreamKey, RedisIngestQueue.Group, consumer, StreamPosition.NewMessages, batches);
        Assert.True(await transaction.ExecuteAsync());
        Assert.Equal(batches, (await read).Length);
    }

    /// <summary>
    /// Sends <paramref name="batches"/> batches, and more while <paramref name="until"/> is not yet true (at most ten
    /// times as many): on a slow machine a fixed count can be all sent before the fault the test makes. Returns how
    /// many were sent, each accepted once.
    /// </summary>
    private static async Task<int> SendAsync(SdkLikeSender sender, int batches, int seed, TimeSpan pause, Func<bool>? until = null)
    {
        await Task.Yield();
        var sent = 0;
        while (sent < batches || (until is not null && !until() && sent < batches * 100))
        {
            await sender.SendAsync(TestEvents.Generate(20, seed + sent, Start));
            sent++;
            await Task.Delay(pause);
        }

        return sent;
    }

    /// <summary>A drain worker running on this host (drain jobs go to whichever host fetches them first).</summary>
    private static async Task<IngestWorker> RunningWorkerAsync(params SentinelApp[] apps)
    {
        IngestWorker? running = null;
        await Wait.UntilAsync(
            () => Task.FromResult((running = apps.SelectMany(a => a.Services.GetRequiredService<DrainSlots>().Running).FirstOrDefault()) is not null),
            // Hangfire starts the drain job within a second or two; a machine busy with other test hosts may take longer.
            TimeSpan.FromSeconds(60),
            () => "No drain worker is running.");
        return running!;
    }

    private static (long Length, long Pending, long DeadLetters) Counts(QueueStats stats) => (stats.Length, stats.Pending, stats.DeadLetters);

    private static ConcurrentDictionary<string, double> ListenToGauges(SentinelApp app, out MeterListener listener)
    {
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        var values = new ConcurrentDictionary<string, double>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SentinelMetrics.MeterName && instrument.Meter.Scope == meterFactory && instrument.Name.StartsWith("sentinel.ingest.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        return values;
    }
}
