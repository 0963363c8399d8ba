using System.Net;
using System.Text.Json;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

/// <summary>The <c>/v1</c> route group: unknown paths and wrong methods answer 404 ProblemDetails, outages 503 from the one exception handler.</summary>
public sealed class ApiRouteGroupTests : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app;

    public ApiRouteGroupTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Theory]
    [InlineData("GET", "/v1/events/batch")]
    [InlineData("PUT", "/v1/events/batch")]
    [InlineData("DELETE", "/v1/events/batch")]
    [InlineData("GET", "/v1/no-such-thing")]
    [InlineData("POST", "/v1/no/such/thing.json")]
    [InlineData("GET", "/v1")]
    public async Task UnknownPathOrWrongMethod_Answers404ProblemDetails(string method, string path)
    {
        using var client = _app.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBatchEndpoint_IsStillMappedUnderTheGroup()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/v1/events/batch", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFullQueue_Answers503WithRetryAfter_FromTheExceptionHandler()
    {
        // No worker drains, and the queue holds one batch: the second batch finds it full.
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?>
        {
            ["Workers:Count"] = "0",
            ["Ingest:MaxQueuedBatches"] = "1",
        }).Start();
        var project = await app.CreateProjectAsync("Full queue");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var start = DateTime.UtcNow.AddMinutes(-5);

        var first = await TestEvents.PostAsync(client, key, TestEvents.Generate(3, seed: 1, start));
        var second = await TestEvents.PostAsync(client, key, TestEvents.Generate(3, seed: 2, start));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The ingestion queue is unavailable.", problem.GetProperty("title").GetString());
        // An expected outage, not a bug: no error-level "unhandled exception" in the log.
        Assert.DoesNotContain(app.Logs.Messages, message => message.Contains("nhandled exception", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Messages, message => message.Contains("answered 503", StringComparison.Ordinal));
    }
}
