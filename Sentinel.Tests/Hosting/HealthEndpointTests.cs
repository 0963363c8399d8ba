using System.Net;
using System.Text.Json;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readyz_InProductionMode_ChecksPostgresRedisAndClickHouse()
    {
        await using var app = (await SentinelApp.ProductionAsync()).Start();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/readyz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal(["analytics-store", "database", "ingest-backlog", "redis"], checks.EnumerateObject().Select(c => c.Name).Order().ToArray());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Readyz_WhenRedisIsDown_Answers503_WhileHealthzStaysUp()
    {
        // A Redis of its own: stopping the shared one would disturb other tests.
        await using var redis = await RedisServer.StartAsync();
        await using var app = (await SentinelApp.ProductionAsync(settings: new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration })).Start();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        redis.Stop();

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_InEmbeddedMode_ChecksTheSqliteDatabase()
    {
        await using var app = SentinelApp.Embedded().Start();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(["database", "ingest-backlog"], checks.EnumerateObject().Select(c => c.Name).ToArray());
    }
}
