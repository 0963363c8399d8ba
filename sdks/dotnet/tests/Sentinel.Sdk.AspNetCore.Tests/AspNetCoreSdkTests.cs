using System.Net;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Keys;
using Sentinel.Sdk.AspNetCore.Tests.Support;
using Sentinel.Tests.Support;

namespace Sentinel.Sdk.AspNetCore.Tests;

/// <summary>The ASP.NET Core SDK posting to a real Sentinel (embedded mode on Kestrel): what the app served is stored once.</summary>
public sealed class AspNetCoreSdkTests
{
    [Fact]
    public async Task EveryRequestServed_IsStoredOnce_WithRouteTemplateStatusAndConsumer()
    {
        var around = DateTime.UtcNow;
        await using var sentinel = SentinelApp.Embedded(kestrel: true).Start();
        var project = await sentinel.CreateProjectAsync("Shop");
        var key = await sentinel.CreateKeyAsync(project.Id, ApiKeyKind.Ingest);
        var app = await TestApp.StartAsync(o =>
        {
            o.Key = key;
            o.Endpoint = sentinel.ServerAddress;
            o.FlushInterval = TimeSpan.FromMilliseconds(200);
            o.ExcludePaths.Add("/health");
            o.IdentifyConsumer = context => context.Request.Headers["x-customer"].FirstOrDefault();
        });
        using var client = TestApp.Client(app);

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/boom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var counters = TestApp.Counters(app);
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Equal((42, 42, 0L, 0L), (counters.Captured, counters.Sent, counters.Dropped, counters.Rejected));
        var stored = await sentinel.WaitForStoredAsync(project.Id, around, 42);
        Assert.Equal(42, stored.Totals.Requests);
        Assert.Equal(1, stored.Totals.ServerErrors);
        Assert.Contains(stored.Routes, r => r.Route == "/orders/{id:int}" && r.Method == "GET" && r.Requests == 40);
    }

    [Fact]
    public async Task WhileSentinelIsUnreachable_TheBufferStaysBounded_AndTheOldestAreDropped()
    {
        var app = await TestApp.StartAsync(o =>
        {
            o.Key = "snt_ing_unreachable";
            o.Endpoint = new Uri("http://127.0.0.1:9");
            o.MaxBatchSize = 10;
            o.MaxBufferSize = 50;
            o.RetryBaseDelay = TimeSpan.FromSeconds(5);
            o.ShutdownTimeout = TimeSpan.Zero;
        });
        using var client = TestApp.Client(app);
        var counters = TestApp.Counters(app);
        var maxBuffered = 0;

        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/{i}")).StatusCode);
            maxBuffered = Math.Max(maxBuffered, counters.Buffered);
        }

        Assert.InRange(maxBuffered, 1, 50);
        Assert.InRange(counters.Dropped, 300 - 50 - 10, 300);
        await app.StopAsync();
        await app.DisposeAsync();
        Assert.Equal(300, counters.Dropped);
    }

    [Fact]
    public async Task WrongOptions_StopTheAppAtStart_NamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(o => o.MaxBatchSize = 5000));
        Assert.Contains("Sentinel:Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sentinel:MaxBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryDelays_GrowWithTheAttempt_StayUnderTheCap_AndRetryAfterIsAFloor()
    {
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(10);
        Assert.True(RetryDelay.Next(0, baseDelay, max, null, 0.999).TotalMilliseconds <= 100);
        Assert.True(RetryDelay.Next(3, baseDelay, max, null, 0.999).TotalMilliseconds > 700);
        Assert.Equal(9990, RetryDelay.Next(20, baseDelay, max, null, 0.999).TotalMilliseconds);
        Assert.Equal(3000, RetryDelay.Next(0, baseDelay, max, TimeSpan.FromSeconds(3), 0).TotalMilliseconds);
        Assert.Equal(10_000, RetryDelay.Next(0, baseDelay, max, TimeSpan.FromMinutes(1), 0).TotalMilliseconds);
    }
}
