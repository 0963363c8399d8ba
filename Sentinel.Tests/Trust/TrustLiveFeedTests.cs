using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;
using Xunit.Abstractions;

namespace Sentinel.Tests.Trust;

/// <summary>The live session feed (ADR 026): scoring announces each written batch, in process and across hosts over Redis; failures never reach scoring; pages get coalesced batches.</summary>
public sealed class TrustLiveFeedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Embedded_AScoredBatch_ReachesASubscriber_WithTheRowsData()
    {
        await using var app = SentinelApp.Embedded().Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var received = new ConcurrentQueue<SessionChange>();
        using var subscription = app.Services.GetRequiredService<ITrustSessionFeed>().Subscribe(received.Enqueue);
        var session = TrustWire.NewSessionId();

        var events = Input.Session(1, 30, bot: true);
        await TrustWire.PostSessionAsync(client, publishable, session, events, batchSize: 500);

        // One change per batch: after the first 500 events, then after all of them.
        await Wait.UntilAsync(() => Task.FromResult(received.Count(c => c.SessionId == session) == 2), TimeSpan.FromSeconds(2), () => $"{received.Count} changes arrived");
        var last = received.Where(c => c.SessionId == session).MaxBy(c => c.EventsSeen)!;
        Assert.Equal(project, last.ProjectId);
        Assert.Equal(TrustAction.Block, last.Action);
        Assert.Equal(events.Count, last.EventsSeen);
        Assert.Equal([500, events.Count], received.Where(c => c.SessionId == session).Select(c => c.EventsSeen).Order());
    }

    [Fact]
    public async Task TwoHostsOnOneRedis_ABatchScoredOnHostA_ReachesASubscriberOnHostB()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var hostA = SentinelApp.Production(settings).Start();
        await using var hostB = SentinelApp.Production(settings).Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(hostA);
        var onB = new ConcurrentQueue<SessionChange>();
        using var subscription = hostB.Services.GetRequiredService<ITrustSessionFeed>().Subscribe(onB.Enqueue);
        using var clientA = hostA.CreateClient();
        var session = TrustWire.NewSessionId();

        // Host B subscribes in the background: give it its first message before the one that counts.
        await Wait.UntilAsync(
            async () =>
            {
                await TrustWire.PostSessionAsync(clientA, publishable, session, Input.Session(2, 1, bot: false));
                await Task.Delay(200);
                return onB.Any(c => c.SessionId == session);
            },
            TimeSpan.FromSeconds(10),
            () => "host B never received a change from host A");
        var before = onB.Count(c => c.SessionId == session);
        var started = DateTime.UtcNow;
        await TrustWire.PostSessionAsync(clientA, publishable, session, Input.Session(3, 2, bot: false));

        await Wait.UntilAsync(() => Task.FromResult(onB.Count(c => c.SessionId == session) > before), TimeSpan.FromSeconds(2), () => "the second batch did not reach host B within 2 s");
        var took = DateTime.UtcNow - started;
        output.WriteLine($"host A answered the batch and host B's subscriber had its change after {took.TotalMilliseconds:0} ms");
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.All(onB.Where(c => c.SessionId == session), c => Assert.Equal(project, c.ProjectId));
    }

    [Fact]
    public async Task AFeedThatThrows_DoesNotFailScoring()
    {
        await using var app = SentinelApp.Embedded();
        app.ConfigureTestServices = services => services.AddSingleton<ITrustSessionFeed, BrokenFeed>();
        app.Start();
        var (_, publishable, _) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();

        var actions = await TrustWire.PostSessionAsync(client, publishable, TrustWire.NewSessionId(), Input.Session(1, 30, bot: true));

        Assert.Equal("BLOCK", actions[^1]);
    }

    [Fact]
    public async Task CoalescingSubscription_HandsOverOneRowPerSession_AtMostOncePerInterval_AndOnlyWhatPassesTheFilter()
    {
        var feed = new InProcessSessionFeed();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var project = Guid.NewGuid();
        var flushes = new ConcurrentQueue<IReadOnlyList<SessionChange>>();
        using var subscription = new CoalescingSubscription(feed, time, TimeSpan.FromMilliseconds(500), c => c.ProjectId == project, batch =>
        {
            flushes.Enqueue(batch);
            return Task.CompletedTask;
        });

        for (var i = 1; i <= 200; i++)
        {
            feed.Publish(Change(project, "busy", i));
        }

        feed.Publish(Change(project, "quiet", 1));
        feed.Publish(Change(Guid.NewGuid(), "other project", 1));
        await Wait.UntilAsync(() => Task.FromResult(subscription.Pending == 2), TimeSpan.FromSeconds(5), () => $"{subscription.Pending} pending");
        await Task.Delay(300); // the pool threads still delivering the busy session's last changes

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Empty(flushes);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => Task.FromResult(!flushes.IsEmpty), TimeSpan.FromSeconds(5), () => "no flush");

        var batch = Assert.Single(flushes);
        Assert.Equal(2, batch.Count);
        Assert.Equal(200, batch.Single(c => c.SessionId == "busy").EventsSeen);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(flushes);
    }

    private static SessionChange Change(Guid project, string session, long events) =>
        new(project, session, TrustAction.Challenge, 0.5, events, null, Start, Start, false);

    private static readonly DateTime Start = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    private sealed class BrokenFeed : ITrustSessionFeed
    {
        public void Publish(SessionChange change) => throw new InvalidOperationException("feed is broken");

        public IDisposable Subscribe(Action<SessionChange> handler) => throw new InvalidOperationException("feed is broken");
    }
}
