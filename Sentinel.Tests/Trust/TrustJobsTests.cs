using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>
/// Cold storage written by the jobs, not the requests: finished sessions' summaries and audit, the raw sample of
/// flagged ones, users' baselines learned from good sessions and loaded into the next session of the same user,
/// where the keystroke anomaly model judges the marked password field.
/// </summary>
public sealed class TrustJobsTests
{
    private static readonly Dictionary<string, string?> FastJobs = new()
    {
        ["Trust:IdleTimeout"] = "00:00:01",
        ["Trust:JobInterval"] = "01:00:00",
        ["Trust:LearnAfter"] = "00:00:00",
    };

    [Fact]
    public async Task FinishedSessions_HaveSummaryAndAudit_AndOnlyFlaggedOnesKeepTheirRawSample()
    {
        await using var app = SentinelApp.Embedded(settings: FastJobs).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var (human, bot) = (TrustWire.NewSessionId(), TrustWire.NewSessionId());
        await TrustWire.PostSessionAsync(client, publishable, human, Input.Session(2, 30, bot: false));
        var botEvents = Input.Session(1, 30, bot: true);
        await TrustWire.PostSessionAsync(client, publishable, bot, botEvents);

        await Task.Delay(1200);
        var finished = await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None);

        Assert.Equal(2, finished);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var summaries = await db.Set<TrustSessionSummary>().Where(s => s.ProjectId == project).ToDictionaryAsync(s => s.SessionId);
        Assert.Equal(TrustAction.Allow, summaries[human].Action);
        Assert.Null(summaries[human].RawSample);
        Assert.Equal(TrustAction.Block, summaries[bot].Action);
        Assert.Contains("mouse.", summaries[bot].Reasons, StringComparison.Ordinal);
        Assert.Contains("physics", summaries[bot].ModelVersions, StringComparison.Ordinal);
        var replay = await app.Services.GetRequiredService<TrustSessionsService>().RawSampleAsync(project, bot, CancellationToken.None);
        Assert.Equal(botEvents, replay);
        var audits = await db.Set<TrustVerdictAudit>().Where(a => a.ProjectId == project).ToListAsync();
        Assert.Equal(2, audits.Count(a => a.Kind == TrustVerdictAudit.FinalVerdict));
        var recent = await app.Services.GetRequiredService<TrustSessionsService>().ListRecentAsync(project, 10, CancellationToken.None);
        Assert.Equal(2, recent.Count);

        // A second run finds nothing left to finish.
        Assert.Equal(0, await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None));
        Assert.Equal("BLOCK", (await TrustWire.GetSessionAsync(client, secret, bot)).GetProperty("action").GetString());
    }

    [Fact]
    public async Task AReviewersOverride_IsWhatThePageAndTheBackendSee_AndIsAudited()
    {
        await using var app = SentinelApp.Embedded(settings: FastJobs).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var session = TrustWire.NewSessionId();
        var events = Input.Session(1, 30, bot: true);
        await TrustWire.PostSessionAsync(client, publishable, session, events.Take(400).ToList());

        Assert.True(await app.Services.GetRequiredService<TrustSessionsService>().OverrideAsync(project, session, TrustAction.Allow, "reviewer@shop.example", "known test account", CancellationToken.None));
        var next = await TrustWire.PostSessionAsync(client, publishable, session, events.Skip(400).ToList());
        var verdict = await TrustWire.GetSessionAsync(client, secret, session);

        Assert.Equal("ALLOW", next[^1]);
        Assert.Equal("ALLOW", verdict.GetProperty("action").GetString());
        Assert.Equal("reviewer@shop.example", verdict.GetProperty("overridden").GetProperty("by").GetString());
        Assert.Equal("known test account", verdict.GetProperty("overridden").GetProperty("note").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<SentinelDbContext>().Set<TrustVerdictAudit>()
            .Where(a => a.SessionId == session && a.Kind == TrustVerdictAudit.ReviewOverride).ToListAsync());
    }

    [Fact]
    public async Task GoodSessions_TeachTheUsersBaselines_WhichTheNextSessionIsJudgedAgainst()
    {
        await using var app = SentinelApp.Embedded(settings: FastJobs).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var alice = "alice@example.com";
        for (var i = 0; i < 6; i++)
        {
            var session = TrustWire.NewSessionId();
            await TrustWire.PostSessionAsync(client, publishable, session, Login(seed: 10 + i, Password(seed: 10 + i, hold: 90, flights: AliceFlights)), userId: alice, field: "password");
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await TrustWire.OutcomeAsync(client, secret, session, """{"outcome":"legitimate"}""")).StatusCode);
        }

        await Task.Delay(1200);
        Assert.Equal(6, await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None));
        Assert.Equal(6, await app.Services.GetRequiredService<TrustBaselineLearningJob>().RunAsync(CancellationToken.None));
        Assert.Equal(0, await app.Services.GetRequiredService<TrustBaselineLearningJob>().RunAsync(CancellationToken.None));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var profile = await scope.ServiceProvider.GetRequiredService<SentinelDbContext>().Set<TrustUserProfile>().SingleAsync(p => p.ProjectId == project);
            Assert.Equal((6, 6), (profile.Version, profile.SessionsLearned));
            Assert.NotEqual(alice, profile.UserHash);
            Assert.DoesNotContain(alice, profile.UserHash, StringComparison.Ordinal);
            Assert.NotNull(profile.MouseBaseline);
        }

        var genuine = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(client, publishable, genuine, Login(seed: 30, Password(seed: 30, hold: 90, flights: AliceFlights)), userId: alice, field: "password");
        var impostor = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(client, publishable, impostor, Login(seed: 31, Password(seed: 31, hold: 160, flights: [.. AliceFlights.Reverse().Select(f => f * 1.7)])), userId: alice, field: "password");

        var mine = Reason(await TrustWire.GetSessionAsync(client, secret, genuine), "keystroke.rhythm_distance");
        var theirs = Reason(await TrustWire.GetSessionAsync(client, secret, impostor), "keystroke.rhythm_distance");
        Assert.True(mine > 0, $"genuine typing contributed {mine}");
        Assert.True(theirs < 0, $"an impostor's typing contributed {theirs}");
        Assert.True(mine - theirs > 2);
        var stored = await app.Services.GetRequiredService<ITrustSessionStore>().ReadAsync(new TrustSessionKey(project, genuine), CancellationToken.None);
        Assert.Equal(6, stored!.Meta.ProfileVersion);
        Assert.Contains((await TrustWire.GetSessionAsync(client, secret, genuine)).GetProperty("reasons").EnumerateArray(), r => r.GetProperty("signal").GetString() == "mouse.profile_distance");
    }

    private static readonly double[] AliceFlights = [120, 210, 150, 320, 110, 180, 140];

    private static double Reason(System.Text.Json.JsonElement verdict, string signal) =>
        verdict.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == signal).GetProperty("contribution").GetDouble();

    /// <summary>A password typed with a person's own rhythm (a few ms of jitter), then Enter.</summary>
    private static List<BehaviorEvent> Password(int seed, double hold, double[] flights)
    {
        var random = new Random(seed);
        var events = new List<BehaviorEvent>();
        var t = 0.0;
        for (var i = 0; i <= flights.Length; i++)
        {
            var zone = (byte)(33 + i);
            events.Add(BehaviorEvent.KeyPress(t, KeyClass.Letter, zone));
            events.Add(BehaviorEvent.KeyRelease(t + hold + random.Next(-8, 9), KeyClass.Letter, zone));
            t += i < flights.Length ? flights[i] + random.Next(-10, 11) : 0;
        }

        events.Add(BehaviorEvent.KeyPress(t + 200, KeyClass.Enter, 45));
        events.Add(BehaviorEvent.KeyRelease(t + 280, KeyClass.Enter, 45));
        return [.. events.OrderBy(e => e.TimestampMs)];
    }

    /// <summary>A login page: the mouse moves to the field, the password is typed.</summary>
    private static List<BehaviorEvent> Login(int seed, List<BehaviorEvent> typing)
    {
        var mouse = Input.Session(seed, 30, bot: false);
        var start = mouse[^1].TimestampMs + 500;
        return [.. mouse, .. typing.Select(e => e with { TimestampMs = e.TimestampMs + start })];
    }
}
