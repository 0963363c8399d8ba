using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Keys;

/// <summary>Keys as the ingestion endpoint sees them: valid, wrong kind, revoked, rotated, never stored in clear.</summary>
public sealed class ApiKeyAuthenticationTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public async Task AKey_IsStoredOnlyAsAHash_WithItsPrefix_AndTheCreationIsAudited()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var token = await app.CreateKeyAsync(project.Id);

        var stored = await app.WithServiceAsync<SentinelDbContext, ApiKey>(db => db.ApiKeys.SingleAsync());
        Assert.StartsWith(stored.Prefix, token, StringComparison.Ordinal);
        Assert.Equal(ApiKeyToken.Hash(token), stored.Hash);
        var audit = await app.WithServiceAsync<SentinelDbContext, List<string>>(db => db.AuditEntries.Select(a => a.Action + " " + a.Detail).ToListAsync());
        Assert.Contains(audit, a => a.StartsWith("key.created kind=Ingest", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Contains(token[stored.Prefix.Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingUnknownAndWrongKindKeys_AreRefused_WithProblemDetails()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var publishable = await app.CreateKeyAsync(project.Id, ApiKeyKind.Publishable);
        using var client = app.CreateClient();
        var body = TestEvents.Body(TestEvents.Generate(1, 1, Now));

        var missing = new HttpRequestMessage(HttpMethod.Post, "/v1/events/batch") { Content = TestEvents.Request("x", body).Content };
        var noKey = await client.SendAsync(missing);
        var unknown = await client.SendAsync(TestEvents.Request(ApiKeyToken.Generate(ApiKeyKind.Ingest).Token, body));
        var wrongKind = await client.SendAsync(TestEvents.Request(publishable, body));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unknown, revoked or expired", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrongKind.StatusCode);
    }

    [Fact]
    public async Task AnAddressGuessingKeys_Gets429_WhileCachedKeysAndOtherAddressesStillWork()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Keys:FailedAttemptsPerMinute"] = "3" }).Start();
        var project = await app.CreateProjectAsync("Shop");
        var valid = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var body = TestEvents.Body(TestEvents.Generate(1, 1, Now));
        Task<HttpResponseMessage> Send(string key, string address)
        {
            var request = TestEvents.Request(key, body);
            request.Headers.Add("X-Forwarded-For", address);
            return client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await Send(valid, "198.51.100.1")).StatusCode);
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            guesses.Add((await Send(ApiKeyToken.Generate(ApiKeyKind.Ingest).Token, "198.51.100.1")).StatusCode);
        }

        var refused = await Send(ApiKeyToken.Generate(ApiKeyKind.Ingest).Token, "198.51.100.1");
        var cachedKey = await Send(valid, "198.51.100.1");
        var otherAddress = await Send(ApiKeyToken.Generate(ApiKeyKind.Ingest).Token, "198.51.100.2");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, cachedKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    [Fact]
    public async Task ARevokedKey_StopsWorkingWithinFiveSeconds_OnEveryHost()
    {
        // Two hosts sharing one database, each with its own key cache, both having just used the key.
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"sentinel-keys-{Guid.NewGuid():N}.db")}" };
        await using var first = SentinelApp.Embedded(settings: settings).Start();
        await using var second = SentinelApp.Embedded(settings: settings).Start();
        var project = await first.CreateProjectAsync("Shop");
        var token = await first.CreateKeyAsync(project.Id);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(firstClient, token, TestEvents.Generate(1, 1, Now))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(secondClient, token, TestEvents.Generate(1, 2, Now))).StatusCode);

        var keyId = await first.WithServiceAsync<SentinelDbContext, Guid>(db => db.ApiKeys.Select(k => k.Id).SingleAsync());
        await first.WithServiceAsync<ApiKeyService, bool>(keys => keys.RevokeAsync(keyId, AuditActor.System, CancellationToken.None));
        var revokedAt = Stopwatch.StartNew();

        foreach (var client in new[] { firstClient, secondClient })
        {
            while ((await TestEvents.PostAsync(client, token, TestEvents.Generate(1, 3, Now))).StatusCode == HttpStatusCode.Accepted)
            {
                Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(5), "A revoked key still worked after 5 seconds.");
                await Task.Delay(100);
            }
        }

        Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestEvents.PostAsync(secondClient, token, TestEvents.Generate(1, 4, Now))).StatusCode);
    }

    [Fact]
    public async Task Rotation_KeepsTheOldKeyForTheOverlap_AndTheNewKeyWorksAtOnce()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var issued = await app.WithServiceAsync<ApiKeyService, IssuedApiKey>(keys => keys.CreateAsync(project.Id, ApiKeyKind.Ingest, "web", AuditActor.System, CancellationToken.None));
        using var client = app.CreateClient();

        var withOverlap = await app.WithServiceAsync<ApiKeyService, IssuedApiKey>(keys => keys.RotateAsync(issued.Key.Id, TimeSpan.FromHours(1), AuditActor.System, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, issued.Token, TestEvents.Generate(1, 1, Now))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, withOverlap.Token, TestEvents.Generate(1, 2, Now))).StatusCode);

        // Rotating the replacement without overlap ends it at once (after the cache lifetime).
        var final = await app.WithServiceAsync<ApiKeyService, IssuedApiKey>(keys => keys.RotateAsync(withOverlap.Key.Id, TimeSpan.Zero, AuditActor.System, CancellationToken.None));
        await Wait.UntilAsync(
            async () => (await TestEvents.PostAsync(client, withOverlap.Token, TestEvents.Generate(1, 3, Now))).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5),
            () => "The key rotated without overlap still works after 5 seconds.");
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, final.Token, TestEvents.Generate(1, 4, Now))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, issued.Token, TestEvents.Generate(1, 5, Now))).StatusCode);
    }

    [Fact]
    public async Task LastUsed_IsRecordedByTheFlushJob_NotByTheRequest()
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var token = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, token, TestEvents.Generate(1, 1, Now))).StatusCode);
        Assert.Null(await app.WithServiceAsync<SentinelDbContext, DateTime?>(db => db.ApiKeys.Select(k => k.LastUsedAt).SingleAsync()));

        await app.Services.GetRequiredService<KeyUsageFlushJob>().FlushAsync(CancellationToken.None);

        var lastUsed = await app.WithServiceAsync<SentinelDbContext, DateTime?>(db => db.ApiKeys.Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
        Assert.InRange(lastUsed.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task LastUsed_RecordedOnOneHost_IsWrittenByTheFlushJobOnAnother()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var project = await first.CreateProjectAsync("Shop");
        var token = await first.CreateKeyAsync(project.Id);
        using var client = first.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, token, TestEvents.Generate(1, 1, Now))).StatusCode);
        await Task.Delay(200); // the record is fire-and-forget
        await second.Services.GetRequiredService<KeyUsageFlushJob>().FlushAsync(CancellationToken.None);

        var lastUsed = await second.WithServiceAsync<SentinelDbContext, DateTime?>(db => db.ApiKeys.Where(k => k.ProjectId == project.Id).Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
        Assert.InRange(lastUsed.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }
}
