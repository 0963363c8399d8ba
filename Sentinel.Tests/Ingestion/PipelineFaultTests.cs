using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Tests.Support;
using StackExchange.Redis;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// Production mode on the real PostgreSQL, Redis and ClickHouse, with the faults the pipeline must survive: every
/// accepted event ends up in ClickHouse exactly once.
/// </summary>
public sealed class PipelineFaultTests
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-15);

    [Fact]
    public async Task Production_DrainsAcceptedEventsIntoClickHouse_AndBadRequestsHaveNoEffect()
    {
        await using var app = (await SentinelApp.ProductionAsync()).Start();
        var shop = await app.CreateProjectAsync("Shop");
        var blog = await app.CreateProjectAsync("Blog");
        var shopKey = await app.CreateKeyAsync(shop.Id);
        var blogKey = await app.CreateKeyAsync(blog.Id);
        using var client = app.CreateClient();

        var batches = Enumerable.Range(0, 8).Select(i => TestEvents.Generate(100, seed: 10 + i, Start)).ToList();
        foreach (var batch in batches)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, shopKey, batch)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, shopKey, batches[0], gzip: true)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(TestEvents.Request(shopKey, "{\"events\": 3}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestEvents.PostAsync(client, shopKey[..^2] + "aa", batches[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, blogKey, TestEvents.Generate(5, 99, Start))).StatusCode);

        var dashboard = await app.WaitForStoredAsync(shop.Id, Start, 800);
        await app.WaitForStoredAsync(blog.Id, Start, 5);
        await Task.Delay(1000);
        Assert.Equal(800, (await app.DashboardAsync(shop.Id, Start)).Totals.Requests);
        Assert.Equal(5, (await app.DashboardAsync(blog.Id, Start)).Totals.Requests);
        Assert.NotEmpty(dashboard.Routes);
        Assert.Equal(0, (await app.Services.GetRequiredService<IIngestQueue>().StatsAsync(CancellationToken.None)).Length);
    }

    [Fact]
    public async Task AnIngestOnlyHostAndAWorkerOnlyHost_OnOneRedis_DrainEveryAcceptedEventExactlyOnce()
    {
        var ingestSettings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        var workerSettings = new Dictionary<string, string?>(ingestSettings) { ["Workers:Count"] = "2", ["Workers:DrainSlots"] = "2" };
        await using var ingestOnly = SentinelApp.Production(ingestSettings).Start();
        await using var workerOnly = SentinelApp.Production(workerSettings).Start();
        var project = await ingestOnly.CreateProjectAsync("Shop");
        var key = await ingestOnly.CreateKeyAsync(project.Id);
        using var client = ingestOnly.CreateClient();

        var batches = Enumerable.Range(0, 30).Select(i => TestEvents.Generate(50, seed: 6000 + i, Start)).ToList();
        await Task.WhenAll(batches.Select(async batch => Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, batch)).StatusCode)));
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, batches[3])).StatusCode); // a retried batch

        await workerOnly.WaitForStoredAsync(project.Id, Start, 30 * 50);
        await Task.Delay(1000);
        Assert.Equal(30 * 50, (await workerOnly.DashboardAsync(project.Id, Start)).Totals.Requests);
        Assert.Empty(ingestOnly.Services.GetRequiredService<DrainSlots>().Running);
        var stats = await ingestOnly.Services.GetRequiredService<IIngestQueue>().StatsAsync(CancellationToken.None);
        Assert.Equal((0, 0, 0), (stats.Length, stats.Pending, stats.DeadLetters));
    }

    [Fact]
    public async Task AWorkerKilledMidBatch_HasItsEntriesClaimedByAnother_WithNothingLostOrDoubled()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Workers:Count"] = "0", ["Workers:ClaimAfter"] = "00:00:01" });
        await using var ingestOnly = SentinelApp.Production(settings).Start();
        var project = await ingestOnly.CreateProjectAsync("Shop");
        var key = await ingestOnly.CreateKeyAsync(project.Id);
        using var client = ingestOnly.CreateClient();
        var batches = Enumerable.Range(0, 10).Select(i => TestEvents.Generate(20, seed: 2000 + i, Start)).ToList();
        foreach (var batch in batches)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, batch)).StatusCode);
        }

        // A worker reads every entry, writes the first half to ClickHouse and dies before acknowledging anything.
        var queue = (RedisIngestQueue)ingestOnly.Services.GetRequiredService<IIngestQueue>();
        using var redis = await ConnectionMultiplexer.ConnectAsync(settings["Redis:Configuration"]!);
        var db = redis.GetDatabase();
        await db.StreamCreateConsumerGroupAsync(queue.StreamKey, RedisIngestQueue.Group, "0", createStream: true);
        Assert.Equal(10, (await db.StreamReadGroupAsync(queue.StreamKey, RedisIngestQueue.Group, "dead-worker", StreamPosition.NewMessages, 100)).Length);
        var store = ingestOnly.Services.GetRequiredService<IAnalyticsStore>();
        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.WriteAsync(TestEvents.AsStored(batches.Take(5).SelectMany(b => b), project.Id), CancellationToken.None);
        Assert.Equal(100, (await ingestOnly.DashboardAsync(project.Id, Start)).Totals.Requests);

        settings["Workers:Count"] = "1";
        await using var survivor = SentinelApp.Production(settings).Start();

        await survivor.WaitForStoredAsync(project.Id, Start, 200);
        await Task.Delay(1500);
        Assert.Equal(200, (await survivor.DashboardAsync(project.Id, Start)).Totals.Requests);
        var stats = await queue.StatsAsync(CancellationToken.None);
        Assert.Equal((0, 0, 0), (stats.Length, stats.Pending, stats.DeadLetters));
    }

    [Fact]
    public async Task AnUndecodableEntry_GoesToTheDeadLetters_AndTheRestFlows()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var app = SentinelApp.Production(settings).Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var queue = (RedisIngestQueue)app.Services.GetRequiredService<IIngestQueue>();
        using var redis = await ConnectionMultiplexer.ConnectAsync(settings["Redis:Configuration"]!);
        await redis.GetDatabase().ExecuteAsync("XADD", queue.StreamKey.ToString(), "*", "b", "not a batch");

        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(10, 4000, Start))).StatusCode);

        await app.WaitForStoredAsync(project.Id, Start, 10);
        await Wait.UntilAsync(async () => (await queue.StatsAsync(CancellationToken.None)).DeadLetters == 1, TimeSpan.FromSeconds(10), () => "No dead letter.");
        var dead = Assert.Single(await redis.GetDatabase().StreamRangeAsync(queue.DeadLetterKey));
        Assert.Contains("cannot be decoded", (string?)dead["reason"], StringComparison.Ordinal);
        Assert.Equal("not a batch", (string?)dead["b"]); // the raw bytes, as queued
    }

    [Fact]
    public async Task TheRateLimit_HoldsAcrossHosts()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Ingest:BatchesPerKeyPerSecond"] = "4" });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var project = await first.CreateProjectAsync("Shop");
        var key = await first.CreateKeyAsync(project.Id);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        // 16 batches as fast as possible, alternating hosts: at most 4 per second-window get through, whichever host.
        var started = DateTime.UtcNow;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
        {
            statuses.Add((await TestEvents.PostAsync(i % 2 == 0 ? firstClient : secondClient, key, TestEvents.Generate(1, 5000 + i, Start))).StatusCode);
        }

        var windows = (int)(DateTime.UtcNow - started).TotalSeconds + 2;
        var accepted = statuses.Count(s => s == HttpStatusCode.Accepted);
        Assert.InRange(accepted, 4, 4 * windows);
        Assert.True(accepted < 16, "Nothing was limited.");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests));
    }
}
