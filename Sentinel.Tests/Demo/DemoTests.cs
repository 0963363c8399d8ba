using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Demo;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Demo;

/// <summary>
/// The demo data goes through the real public API of a running host (Kestrel), so what it proves is what a user
/// sees: events in the analytics store, trust sessions with verdicts; a second run reuses the project.
/// </summary>
public sealed class DemoTests : IAsyncLifetime
{
    private static readonly DemoSize Small = new(Events: 600, HumanSessions: 3, BotSessions: 2);
    private SentinelApp _app = null!;

    public Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(kestrel: true).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheDemo_SendsEventsAndSessionsThroughTheApi_AndASecondRunReusesTheProject()
    {
        using var client = new HttpClient { BaseAddress = SelfAddress.Local(_app.ServerAddress.ToString()) };
        var loader = _app.Services.GetRequiredService<DemoLoader>();
        var actor = new AuditActor("admin-id", "admin@sentinel.test");

        var first = await loader.LoadAsync(client, Small, actor, CancellationToken.None);

        Assert.Equal(Small.Events, first.EventsAccepted);
        Assert.Equal(Small.HumanSessions + Small.BotSessions, first.SessionActions.Values.Sum());
        Assert.True(first.SessionActions.GetValueOrDefault("BLOCK") >= 1, string.Join(", ", first.SessionActions));
        await WaitForDrainAsync();
        var week = await _app.Services.GetRequiredService<Sentinel.Infrastructure.Analytics.IAnalyticsStore>().QueryAsync(
            new(first.ProjectId, null, DateTime.UtcNow.AddDays(-7), DateTime.UtcNow.AddMinutes(1), 3600), CancellationToken.None);
        Assert.Equal(Small.Events, week.Totals.Requests);
        Assert.True(week.Totals.ClientErrors + week.Totals.ServerErrors > 0, "no 4xx/5xx in the demo traffic");
        Assert.True(week.Routes.Count >= 5, $"{week.Routes.Count} routes");
        Assert.True(week.Consumers.Count >= 5, $"{week.Consumers.Count} consumers");
        var lastDay = week.Traffic.Where(b => b.Start >= DateTime.UtcNow.AddHours(-24)).Sum(b => b.Requests);
        Assert.InRange(lastDay, 1, Small.Events - 1); // spread over the week, with the last day in it

        var second = await loader.LoadAsync(client, Small with { HumanSessions = 1, BotSessions = 0 }, actor, CancellationToken.None);

        Assert.Equal(first.ProjectId, second.ProjectId);
        var keys = await _app.WithServiceAsync<ApiKeyService, List<Sentinel.Domain.Keys.ApiKey>>(k => k.ListAsync(first.ProjectId, CancellationToken.None));
        Assert.Equal(2, keys.Count(k => k.RevokedAt is null)); // this run's ingest and publishable keys; the first run's are revoked
        Assert.Equal(4, keys.Count);
        Assert.Equal(2, (await _app.AuditAsync(AuditActions.DemoDataLoaded, DemoLoader.ProjectName)).Count);
        Assert.Equal("admin@sentinel.test", (await _app.AuditAsync(AuditActions.DemoDataLoaded, DemoLoader.ProjectName))[0].Actor);
    }

    [Fact]
    public async Task TheDemosTrustSessions_AreKnownToTheReviewService_WithTheVerdictTheApiAnswered()
    {
        using var client = new HttpClient { BaseAddress = _app.ServerAddress };
        var result = await _app.Services.GetRequiredService<DemoLoader>().LoadAsync(client, Small with { Events = 10 }, AuditActor.System, CancellationToken.None);

        // Live sessions are in the hot store until they finish: finish them now (as the idle timeout would).
        var store = _app.Services.GetRequiredService<ITrustSessionStore>();
        var live = await store.IdleSessionsAsync(DateTime.UtcNow.AddMinutes(1), 100, CancellationToken.None);
        var sessions = live.Where(s => s.Key.ProjectId == result.ProjectId).ToList();
        Assert.Equal(Small.HumanSessions + Small.BotSessions, sessions.Count);
        var service = _app.Services.GetRequiredService<TrustSessionsService>();
        var actions = new List<TrustAction>();
        foreach (var (key, _) in sessions)
        {
            var view = await service.GetAsync(key.ProjectId, key.SessionId, CancellationToken.None);
            Assert.NotNull(view);
            Assert.True(view.EventsSeen > 100, $"{view.EventsSeen} events");
            actions.Add(view.Action);
        }

        Assert.Equal(result.SessionActions.Values.Sum(), actions.Count);
        Assert.Equal(result.SessionActions.GetValueOrDefault("BLOCK"), actions.Count(a => a == TrustAction.Block));
    }

    private async Task WaitForDrainAsync()
    {
        var queue = _app.Services.GetRequiredService<IIngestQueue>();
        await Wait.UntilAsync(async () => (await queue.StatsAsync(CancellationToken.None)).Length == 0, TimeSpan.FromSeconds(60), () => "The queue did not drain.");
    }
}
