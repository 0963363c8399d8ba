using System.Net;
using System.Text.Json;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

/// <summary>The API reference page (/scalar/v1) and what the OpenAPI document tells an SDK author.</summary>
public sealed class PublicApiReferenceTests : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app;

    public PublicApiReferenceTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Fact]
    public async Task TheReferencePage_IsHtml_AndItsScriptIsServedLocally()
    {
        using var client = _app.CreateClient();

        var page = await client.GetAsync("/scalar/v1");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sentinel public API", html, StringComparison.Ordinal);
        // The page resolves the document against the site's base path (scalar.aspnetcore.js): /openapi/v1.json.
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        // No CDN: the machines Sentinel runs on may not reach the internet.
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        var scriptResponse = await client.GetAsync(new Uri(new Uri("http://localhost/scalar/v1"), script));
        Assert.Equal(HttpStatusCode.OK, scriptResponse.StatusCode);
        Assert.True((await scriptResponse.Content.ReadAsByteArrayAsync()).Length > 100_000, "the bundled reference script");
    }

    [Fact]
    public async Task TheDocument_HasTheBearerScheme_OnEveryKeyedOperation()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var batch = document.GetProperty("paths").GetProperty("/v1/events/batch").GetProperty("post");
        var requirement = Assert.Single(batch.GetProperty("security").EnumerateArray());
        Assert.True(requirement.TryGetProperty("bearer", out _));
        Assert.Single(document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject());
    }

    [Fact]
    public async Task TheBatchOperation_HasTheRequestSchema_WithTheReadersLimits()
    {
        var document = await DocumentAsync();

        var body = document.GetProperty("paths").GetProperty("/v1/events/batch").GetProperty("post").GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        var schema = Resolve(document, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Contains("events", schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var events = schema.GetProperty("properties").GetProperty("events");
        Assert.Equal(1, events.GetProperty("minItems").GetInt32());
        var item = Resolve(document, events.GetProperty("items"));
        var required = item.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order().ToArray();
        Assert.Equal(["durationMs", "host", "id", "method", "path", "status", "timestamp"], required);
        var properties = item.GetProperty("properties");
        Assert.Equal(Sentinel.Domain.Analytics.ApiEventLimits.IdMaxLength, properties.GetProperty("id").GetProperty("maxLength").GetInt32());
        Assert.Equal(599, properties.GetProperty("status").GetProperty("maximum").GetInt32());
        Assert.Equal("date-time", properties.GetProperty("timestamp").GetProperty("format").GetString());
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _app.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
    }

    /// <summary>Follows a <c>$ref</c> into components/schemas when the generator chose to share the schema.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
