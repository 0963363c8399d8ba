using System.Text.Json;
using Microsoft.Playwright;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Session;
using Sentinel.Tests.Support;
using Xunit.Abstractions;

namespace Sentinel.Tests.Trust;

/// <summary>
/// What the collector records in Chromium is what the trust engine needs: the batches it sends (to the test host's
/// sink) are fed batch by batch into <see cref="TrustEngine"/> with the default policy. A person must be allowed,
/// Playwright's straight-line driving must not be, and dispatched events must be blocked. These hold the collector's
/// fidelity (timestamps, every pointer sample, key classes) apart from the server's state and HTTP handling.
/// </summary>
public sealed class CollectorEngineTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;
    private readonly CollectorHost _host = new();
    private SentinelApp _app = null!;

    public CollectorEngineTests(BrowserFixture browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    public Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(kestrel: true);
        CollectorHost.AddTo(_app, _host);
        _app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RecordedPerson_IsAllowed()
    {
        var verdict = await ScoreAsync(CollectorScenarios.PersonAsync);
        Assert.Equal(TrustAction.Allow, verdict.Action);
    }

    [Fact]
    public async Task PlaywrightDriving_IsNotAllowed()
    {
        var verdict = await ScoreAsync(CollectorScenarios.DriverAsync);
        Assert.NotEqual(TrustAction.Allow, verdict.Action);
    }

    [Fact]
    public async Task DispatchedEvents_AreBlocked()
    {
        var verdict = await ScoreAsync(CollectorScenarios.InPageScriptAsync);
        Assert.Equal(TrustAction.Block, verdict.Action);
    }

    private async Task<TrustVerdict> ScoreAsync(Func<IPage, Task> visitor)
    {
        var page = await CollectorHost.OpenPageAsync(_browser.Browser, _app.ServerAddress, "pk_engine", endpoint: new Uri(_app.ServerAddress, CollectorHost.SinkBase).ToString());
        await visitor(page);
        await page.EvaluateAsync("() => window.collector.flush()");

        var state = new SessionState();
        var verdict = TrustEngine.Evaluate(state, TrustContext.Default);
        foreach (var request in _host.Requests)
        {
            var batch = JsonDocument.Parse(request.Body).RootElement.GetProperty("events").EnumerateArray().Select(ToBehaviorEvent).ToArray();
            verdict = TrustEngine.Score(state, batch, TrustContext.Default);
        }

        _output.WriteLine($"{verdict.Action} score {verdict.Score:F3} after {_host.Requests.Count} batches, {verdict.Observations} observations");
        foreach (var reason in verdict.Reasons)
        {
            _output.WriteLine($"  {reason.Model} {reason.Reason} value {reason.Value:F3} weight {reason.Weight:F2} n {reason.Observations}");
        }

        return verdict;
    }

    /// <summary>The wire event as the engine's input (the server's reader does the same, with validation).</summary>
    private static BehaviorEvent ToBehaviorEvent(JsonElement e)
    {
        var kind = Enum.Parse<BehaviorEventKind>(e.GetProperty("type").GetString()!, ignoreCase: true); // "mousemove" -> MouseMove
        float Coordinate(string name) => e.TryGetProperty(name, out var value) ? value.GetSingle() : 0;
        var key = e.TryGetProperty("key", out var k) ? Enum.Parse<KeyClass>(k.GetString()!, ignoreCase: true) : KeyClass.Other;
        var zone = e.TryGetProperty("zone", out var z) ? z.GetByte() : (byte)0;
        return new BehaviorEvent(kind, e.GetProperty("t").GetDouble(), Coordinate("x"), Coordinate("y"), key, zone, e.GetProperty("isTrusted").GetBoolean());
    }
}
