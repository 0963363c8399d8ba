using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>
/// Issue 13 section 3 end to end: the test page loads the collector from Sentinel (production mode: real Redis and
/// PostgreSQL), the collector posts to <c>POST /v1/trust/events</c>, and the verdict the page gets from
/// <c>Sentinel.getAction()</c> is the one the customer's backend reads with the secret key.
/// (a) a recorded person is allowed, (b) Playwright's straight steps and instant clicks are challenged or blocked,
/// (c) events dispatched by a script are blocked, (d) the page gets its action.
/// </summary>
public sealed class CollectorVerdictTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private readonly CollectorHost _host = new();
    private SentinelApp _app = null!;

    public CollectorVerdictTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    public async Task InitializeAsync()
    {
        _app = SentinelApp.Production(await SentinelApp.ProductionSettingsAsync(), kestrel: true);
        CollectorHost.AddTo(_app, _host);
        _app.Start();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RecordedPerson_IsAllowed_AndThePageAndTheBackendSeeAllow()
    {
        var (action, session) = await VisitAsync(CollectorScenarios.PersonAsync);

        Assert.Equal("ALLOW", action);
        Assert.Equal("ALLOW", session.GetProperty("action").GetString());
        Assert.True(session.GetProperty("eventsSeen").GetInt32() > 1000, session.ToString());
    }

    [Fact]
    public async Task PlaywrightStraightStepsAndInstantClicks_AreChallengedOrBlocked()
    {
        var (action, session) = await VisitAsync(CollectorScenarios.DriverAsync);

        Assert.True(action is "CHALLENGE" or "BLOCK", action);
        Assert.Equal(action, session.GetProperty("action").GetString());
    }

    [Fact]
    public async Task EventsDispatchedByScript_AreBlocked()
    {
        var (action, session) = await VisitAsync(CollectorScenarios.InPageScriptAsync);

        Assert.Equal("BLOCK", action);
        Assert.Equal("BLOCK", session.GetProperty("action").GetString());
    }

    /// <summary>
    /// A fresh project that allows the test host's origin, the page driven by <paramref name="visitor"/>, then the
    /// page's action (after a flush) and the session as the backend reads it. Checks (d) on the way: getAction(),
    /// the onAction callback's output and the backend agree.
    /// </summary>
    private async Task<(string Action, JsonElement Session)> VisitAsync(Func<IPage, Task> visitor)
    {
        var project = await _app.CreateProjectAsync($"collector-{Guid.NewGuid():N}");
        var publishable = await _app.CreateKeyAsync(project.Id, ApiKeyKind.Publishable);
        var secret = await _app.CreateKeyAsync(project.Id, ApiKeyKind.Secret);
        await AllowOriginAsync(project.Id, _app.ServerAddress.GetLeftPart(UriPartial.Authority));
        var sessionId = $"collector{Guid.NewGuid():N}";

        var page = await CollectorHost.OpenPageAsync(_browser.Browser, _app.ServerAddress, publishable, sessionId);
        await visitor(page);
        var action = await page.EvaluateAsync<string?>("() => window.collector.flush()");

        Assert.NotNull(action);
        Assert.Equal(action, await page.EvaluateAsync<string?>("() => Sentinel.getAction()"));
        await Assertions.Expect(page.Locator("#action")).ToHaveTextAsync(action);

        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/trust/sessions/{sessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return (action, JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task AllowOriginAsync(Guid projectId, string origin) =>
        await _app.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(projectId, [origin], AuditActor.System, CancellationToken.None);
}
