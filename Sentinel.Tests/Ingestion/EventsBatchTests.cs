using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// <c>POST /v1/events/batch</c> end to end in embedded mode (in-process queue, embedded store): what is accepted is
/// stored once, what is bad is named, and nothing bad has an effect.
/// </summary>
public sealed class EventsBatchTests
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-20);

    [Fact]
    public async Task APartlyBadBatch_AcceptsTheValidEvents_AndNamesEachRejectedOne()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var events = TestEvents.Generate(10, seed: 1, Start);
        events[2]["status"] = 42;
        events[5].Remove("durationMs");
        events[7]["timestamp"] = "yesterday";
        events[8]["method"] = "get";

        var response = await TestEvents.PostAsync(client, key, events);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(6, body.GetProperty("accepted").GetInt32());
        Assert.Equal(4, body.GetProperty("rejected").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("index").GetInt32()}:{e.GetProperty("field").GetString()}").ToList();
        Assert.Equal(["2:status", "5:durationMs", "7:timestamp", "8:method"], errors);
        var stored = await app.WaitForStoredAsync(project.Id, Start, 6);
        Assert.Equal(6, stored.Totals.Requests);
    }

    [Fact]
    public async Task ABatchSentTwice_OrGzipped_IsCountedOnce()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var events = TestEvents.Generate(50, seed: 2, Start);

        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, events)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, events, gzip: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(5, seed: 3, Start), gzip: true)).StatusCode);

        await app.WaitForStoredAsync(project.Id, Start, 55);
        await Task.Delay(500);
        Assert.Equal(55, (await app.DashboardAsync(project.Id, Start)).Totals.Requests);
    }

    [Fact]
    public async Task Limits_Answer413_AndMalformedBodies400Or415_WithoutStoringAnything()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?>
        {
            ["Ingest:MaxEventsPerBatch"] = "20",
            ["Ingest:MaxBodyBytes"] = "40000",
            ["Ingest:MaxDecompressedBytes"] = "60000",
        }).Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();

        var tooMany = await TestEvents.PostAsync(client, key, TestEvents.Generate(21, 1, Start));
        var tooBig = await client.SendAsync(TestEvents.Request(key, TestEvents.Body(TestEvents.Generate(3, 1, Start)) + new string(' ', 40_000)));
        var bomb = await client.SendAsync(TestEvents.Request(key, TestEvents.Body(TestEvents.Generate(3, 1, Start)) + new string(' ', 100_000), gzip: true));
        var notJson = await client.SendAsync(TestEvents.Request(key, "{\"events\": [ {\"id\": "));
        var noEvents = await client.SendAsync(TestEvents.Request(key, "{\"items\": []}"));
        var allBad = await TestEvents.PostAsync(client, key, [new JsonObject { ["id"] = "x" }]);
        var badGzip = TestEvents.Request(key, "{}");
        badGzip.Content!.Headers.ContentEncoding.Add("gzip");
        var notGzip = await client.SendAsync(badGzip);
        var text = TestEvents.Request(key, TestEvents.Body(TestEvents.Generate(1, 1, Start)));
        text.Content!.Headers.ContentType = new("text/plain");
        var wrongType = await client.SendAsync(text);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("at most 20 events", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Contains("after gunzip", await bomb.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, allBad.StatusCode);
        var problem = JsonDocument.Parse(await allBad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/problem+json", allBad.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "timestamp" && e.GetProperty("reason").GetString() == "is required.");
        Assert.Equal(HttpStatusCode.BadRequest, notGzip.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        // One good batch afterwards, so "nothing stored" is not just "nothing drained yet".
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(2, 9, Start))).StatusCode);
        await app.WaitForStoredAsync(project.Id, Start, 2);
        Assert.Equal(2, (await app.DashboardAsync(project.Id, Start)).Totals.Requests);
    }

    [Fact]
    public async Task AKeyOverItsRate_Gets429WithRetryAfter_AndOtherKeysAreUnaffected()
    {
        // The clock stands still, so all seven batches fall in one second however slow the machine is.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Ingest:BatchesPerKeyPerSecond"] = "3" });
        app.ConfigureTestServices = services => services.AddSingleton<TimeProvider>(clock);
        app.Start();
        var project = await app.CreateProjectAsync("Shop");
        var busy = await app.CreateKeyAsync(project.Id);
        var other = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await TestEvents.PostAsync(client, busy, TestEvents.Generate(1, 100 + i, Start))).StatusCode);
        }

        var limited = await TestEvents.PostAsync(client, busy, TestEvents.Generate(1, 200, Start));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, other, TestEvents.Generate(1, 300, Start))).StatusCode);
    }

    [Fact]
    public async Task EachKey_WritesOnlyIntoItsOwnProject()
    {
        await using var app = SentinelApp.Embedded().Start();
        var shop = await app.CreateProjectAsync("Shop");
        var blog = await app.CreateProjectAsync("Blog");
        var shopKey = await app.CreateKeyAsync(shop.Id);
        var blogKey = await app.CreateKeyAsync(blog.Id);
        using var client = app.CreateClient();

        // The body cannot choose the project: a project id in it is ignored.
        var events = TestEvents.Generate(7, 1, Start);
        events.ForEach(e => e["projectId"] = blog.Id.ToString());
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, shopKey, events)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, blogKey, TestEvents.Generate(3, 2, Start))).StatusCode);

        await app.WaitForStoredAsync(shop.Id, Start, 7);
        await app.WaitForStoredAsync(blog.Id, Start, 3);
        Assert.Equal(7, (await app.DashboardAsync(shop.Id, Start)).Totals.Requests);
        Assert.Equal(3, (await app.DashboardAsync(blog.Id, Start)).Totals.Requests);
    }

    [Fact]
    public async Task TheEndpoint_IsDescribedInTheOpenApiDocument()
    {
        await using var app = SentinelApp.Embedded().Start();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/events/batch", document, StringComparison.Ordinal);
        Assert.Contains("\"413\"", document, StringComparison.Ordinal);
        Assert.Contains(Encoding.UTF8.GetString("counted once"u8), document, StringComparison.Ordinal);
    }
}
