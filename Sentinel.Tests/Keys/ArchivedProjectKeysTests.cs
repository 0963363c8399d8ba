using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Projects;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;
using Sentinel.Tests.Trust;

namespace Sentinel.Tests.Keys;

/// <summary>
/// Archiving a project switches its keys off on every /v1 endpoint with one answer: 403 ProblemDetails saying the
/// project is archived (the key is genuine, so not 401); restoring it switches them back on.
/// </summary>
public sealed class ArchivedProjectKeysTests
{
    [Fact]
    public async Task KeysOfAnArchivedProject_Get403SayingSo_OnIngestAndTrust_UntilItIsRestored()
    {
        // A 1 ms key cache: each request reads the key and its project (the default 4 s only delays the switch).
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Keys:CacheLifetime"] = "00:00:00.001" }).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        var ingest = await app.CreateKeyAsync(project, ApiKeyKind.Ingest);
        using var client = app.CreateClient();
        var batch = TestEvents.Body(TestEvents.Generate(1, 1, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(TestEvents.Request(ingest, batch))).StatusCode);

        await SetArchivedAsync(app, project, true);
        var refused = new[]
        {
            await client.SendAsync(TestEvents.Request(ingest, batch)),
            await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), Input.Session(3, 2, false)))),
            await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/trust/sessions/" + TrustWire.NewSessionId()) { Headers = { Authorization = new("Bearer", secret) } }),
        };

        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("The project is archived.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await SetArchivedAsync(app, project, false);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(TestEvents.Request(ingest, batch))).StatusCode);
    }

    private static async Task SetArchivedAsync(SentinelApp app, Guid project, bool archived)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ProjectService>().SetArchivedAsync(project, archived, AuditActor.System, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(20)); // past the key cache's lifetime
    }
}
