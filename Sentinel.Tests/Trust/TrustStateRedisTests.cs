using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>
/// Production mode on the real Redis and PostgreSQL: the session state is shared by hosts, updated without losing
/// batches, and when Redis is gone every answer is CHALLENGE until it is back.
/// </summary>
public sealed class TrustStateRedisTests
{
    [Fact]
    public async Task TwoHostsPostingOneSessionAtOnce_LoseNoBatch()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var (_, publishable, secret) = await TrustWire.ProjectAsync(first);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var session = TrustWire.NewSessionId();
        var events = Input.Session(seed: 7, moves: 40, bot: false);
        var batches = Enumerable.Range(0, 40).Select(i => events.Skip(i * 20 % events.Count).Take(20).ToList()).ToList();

        // Both hosts post all at once; every batch lands on one of them, half on each.
        var posts = batches.Select((batch, i) => Task.Run(async () =>
        {
            var response = await (i % 2 == 0 ? a : b).SendAsync(TrustWire.Post(publishable, TrustWire.Body(session, batch)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        await Task.WhenAll(posts);

        var verdict = await TrustWire.GetSessionAsync(b, secret, session);
        Assert.Equal(batches.Sum(x => x.Count), verdict.GetProperty("eventsSeen").GetInt64());
    }

    [Fact]
    public async Task RedisDown_AnswersChallengeOnPostAndGet_AndScoringResumesWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync(persistent: true);
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["Workers:Count"] = "0",
        });
        await using var app = SentinelApp.Production(settings).Start();
        var (_, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var session = TrustWire.NewSessionId();
        var events = Input.Session(seed: 2, moves: 30, bot: false);
        Assert.Equal("ALLOW", (await TrustWire.PostSessionAsync(client, publishable, session, events))[^1]);

        redis.Stop();
        var duringPost = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(session, events.Take(100))));
        var duringGet = await TrustWire.GetSessionAsync(client, secret, session);

        Assert.Equal(HttpStatusCode.OK, duringPost.StatusCode);
        Assert.Equal("CHALLENGE", TrustWire.Action(await duringPost.Content.ReadAsStringAsync()));
        Assert.Equal("CHALLENGE", duringGet.GetProperty("action").GetString());
        var reason = Assert.Single(duringGet.GetProperty("reasons").EnumerateArray());
        Assert.Equal(("system", "state_unavailable"), (reason.GetProperty("model").GetString(), reason.GetProperty("signal").GetString()));

        await redis.StartAgainAsync();
        // The page carries on: later events (earlier timestamps again would count as time running backwards).
        var later = Input.Session(seed: 3, moves: 10, bot: false).Select(e => e with { TimestampMs = e.TimestampMs + events[^1].TimestampMs + 1000 }).ToList();
        string? after = null;
        await Wait.UntilAsync(
            async () =>
            {
                var response = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(session, later)));
                after = TrustWire.Action(await response.Content.ReadAsStringAsync());
                return after == "ALLOW";
            },
            TimeSpan.FromSeconds(30),
            () => $"After Redis came back the session still answers {after}.");
        var resumed = await TrustWire.GetSessionAsync(client, secret, session);
        Assert.Equal("ALLOW", resumed.GetProperty("action").GetString());
        Assert.True(resumed.GetProperty("eventsSeen").GetInt64() > events.Count, "The state written before the outage (append-only file) carries on.");
    }

    [Fact]
    public async Task AReplayOfAFinishedSession_IsFoundOnAnotherHost_ThroughTheSharedCatalog()
    {
        var settings = await SentinelApp.ProductionSettingsAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "0",
            ["Trust:IdleTimeout"] = "00:00:01",
            ["Trust:JobInterval"] = "01:00:00",
        });
        await using var first = SentinelApp.Production(settings).Start();
        await using var second = SentinelApp.Production(settings).Start();
        var (_, publishable, secret) = await TrustWire.ProjectAsync(first);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var recorded = Input.Session(seed: 2, moves: 30, bot: false);
        var original = TrustWire.NewSessionId();
        var fresh = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(a, publishable, original, recorded);
        await Task.Delay(1200);
        Assert.Equal(1, await first.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None));

        var replayed = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(b, publishable, replayed, recorded.Select(e => e with { TimestampMs = e.TimestampMs + 5000 }).ToList());
        await TrustWire.PostSessionAsync(b, publishable, fresh, Input.Session(seed: 9, moves: 30, bot: false));

        var replay = await TrustWire.GetSessionAsync(b, secret, replayed);
        var other = await TrustWire.GetSessionAsync(b, secret, fresh);
        var match = replay.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == "pattern.replayed_trajectories");
        Assert.True(match.GetProperty("value").GetDouble() > 0.5, $"containment {match.GetProperty("value").GetDouble()}");
        Assert.NotEqual("ALLOW", replay.GetProperty("action").GetString());
        // Generated hand-like sessions share some stroke shapes, so an unrelated one may overlap a little; a replay overlaps almost wholly.
        var unrelated = other.GetProperty("reasons").EnumerateArray().Where(r => r.GetProperty("signal").GetString() == "pattern.replayed_trajectories").Select(r => r.GetProperty("value").GetDouble()).DefaultIfEmpty(0).Single();
        Assert.True(unrelated < match.GetProperty("value").GetDouble() / 2, $"unrelated session's containment {unrelated}");
    }
}
