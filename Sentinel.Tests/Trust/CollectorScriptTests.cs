using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Sentinel.Tests.Support;
using Sentinel.Web.Trust;

namespace Sentinel.Tests.Trust;

/// <summary><c>GET /v1/collector/{version}/sentinel.js</c>: the built bundle, immutable, with the documented SRI hash.</summary>
public sealed class CollectorScriptTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly string BrowserSdk = Path.Combine(CollectorHost.RepositoryRoot, "sdks", "browser");

    [Fact]
    public async Task Script_IsServedImmutable_ToAnyOrigin_WithTheIntegrityOfItsBytes()
    {
        using var client = fixture.Instance.CreateClient();

        using var response = await client.GetAsync(CollectorScript.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(CollectorScript.Integrity, "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
        Assert.StartsWith($"/*! sentinel-collector {CollectorScript.Version} */", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_AskedAgainWithItsETag_IsNotModified()
    {
        using var client = fixture.Instance.CreateClient();
        using var first = await client.GetAsync(CollectorScript.Path);
        using var again = new HttpRequestMessage(HttpMethod.Get, CollectorScript.Path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task OtherVersion_IsNotFound_AndNamesTheServedOne()
    {
        using var client = fixture.Instance.CreateClient();

        using var response = await client.GetAsync("/v1/collector/0.0.1/sentinel.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(CollectorScript.Path, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedBundle_IsExactlyTheCommittedBuild_OfThePackageVersion()
    {
        // build.mjs writes dist/sentinel.js and CollectorScript.Bundle.cs together; a hand edit of either shows here.
        Assert.Equal(File.ReadAllBytes(Path.Combine(BrowserSdk, "dist", "sentinel.js")), CollectorScript.Bytes.ToArray());
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserSdk, "package.json")));
        Assert.Equal(CollectorScript.Version, package.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Readme_DocumentsTheCurrentIntegrityHash()
    {
        var readme = File.ReadAllText(Path.Combine(BrowserSdk, "README.md"));

        Assert.Contains($"integrity=\"{CollectorScript.Integrity}\"", readme, StringComparison.Ordinal);
        Assert.Contains(CollectorScript.Path, readme, StringComparison.Ordinal);
    }
}
