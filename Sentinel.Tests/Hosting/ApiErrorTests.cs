using System.Net;
using System.Text.Json;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

public sealed class ApiErrorTests : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app;

    public ApiErrorTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Fact]
    public async Task UnknownApiRoute_AnswersProblemDetails()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task UnknownPortalRoute_RendersTheNotFoundPage()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesThePublicApi()
    {
        using var client = _app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.Equal("Sentinel public API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.All(document.GetProperty("paths").EnumerateObject(), path => Assert.StartsWith("/v1/", path.Name, StringComparison.Ordinal));
    }
}
