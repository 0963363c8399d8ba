using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>The review queue on an embedded host: what enters it, claiming and assigning, the override with its note, audit and learning.</summary>
public sealed class TrustReviewTests
{
    private static readonly Dictionary<string, string?> FastFinish = new()
    {
        ["Trust:IdleTimeout"] = "00:00:01",
        ["Trust:JobInterval"] = "01:00:00",
        // The engine's own ALLOW waits an hour for a fraud report; a reviewer's ALLOW must not.
        ["Trust:LearnAfter"] = "01:00:00",
    };

    [Fact]
    public async Task FlaggedFinishedSessions_QueueOldestFirst_ClaimAndOverrideAreAuditedAndLeaveTheQueue()
    {
        await using var app = SentinelApp.Embedded(settings: FastFinish).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = app.CreateClient();
        var (human, firstBot, secondBot) = (TrustWire.NewSessionId(), TrustWire.NewSessionId(), TrustWire.NewSessionId());
        await TrustWire.PostSessionAsync(client, publishable, human, Input.Session(2, 30, bot: false));
        await TrustWire.PostSessionAsync(client, publishable, firstBot, Input.Session(1, 30, bot: true), userId: "mallory");
        await Task.Delay(50);
        await TrustWire.PostSessionAsync(client, publishable, secondBot, Input.Session(3, 30, bot: true));
        await Task.Delay(1200);
        Assert.Equal(3, await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None));

        await using var scope = app.Services.CreateAsyncScope();
        var review = scope.ServiceProvider.GetRequiredService<TrustReviewService>();
        var queue = await review.QueueAsync(project, 100, CancellationToken.None);
        Assert.Equal([firstBot, secondBot], queue.Select(i => i.SessionId));
        Assert.All(queue, i => Assert.Equal(TrustAction.Block, i.Action));

        await app.CreateUserAsync("support@example.com", Roles.Support);
        var support = await app.WithServiceAsync<SentinelDbContext, SentinelUser>(db => db.Users.SingleAsync(u => u.Email == "support@example.com"));
        var admin = new AuditActor("admin-id", "admin@example.com");
        Assert.Equal(ReviewResult.UnknownAssignee, await review.AssignAsync(project, firstBot, "nobody", admin, CancellationToken.None));
        Assert.Equal(ReviewResult.Done, await review.AssignAsync(project, firstBot, support.Id, admin, CancellationToken.None));
        var claimed = (await review.QueueAsync(project, 100, CancellationToken.None)).Single(i => i.SessionId == firstBot);
        Assert.Equal("support@example.com", claimed.AssigneeName);
        Assert.Contains("assigned to support@example.com", (await app.AuditAsync(AuditActions.TrustReviewAssigned, firstBot)).Single().Detail, StringComparison.Ordinal);

        var reviewer = new AuditActor(support.Id, "support@example.com");
        Assert.Equal(ReviewResult.NoteRequired, await review.OverrideAsync(project, firstBot, TrustAction.Allow, "  ", reviewer, CancellationToken.None));
        Assert.Equal(ReviewResult.InvalidAction, await review.OverrideAsync(project, firstBot, TrustAction.Challenge, "why", reviewer, CancellationToken.None));
        Assert.Equal(ReviewResult.Done, await review.OverrideAsync(project, firstBot, TrustAction.Allow, "Our QA account's test script.", reviewer, CancellationToken.None));

        // The session is still in the hot store (its TTL is longer than the idle timeout): the API reads it from there.
        var verdict = await TrustWire.GetSessionAsync(client, secret, firstBot);
        Assert.Equal("ALLOW", verdict.GetProperty("action").GetString());
        Assert.Equal("Our QA account's test script.", verdict.GetProperty("overridden").GetProperty("note").GetString());
        Assert.Equal([secondBot], (await review.QueueAsync(project, 100, CancellationToken.None)).Select(i => i.SessionId));
        Assert.Equal("ALLOW: Our QA account's test script.", (await app.AuditAsync(AuditActions.TrustSessionOverridden, firstBot)).Single().Detail);
        Assert.Equal(1, await app.Services.GetRequiredService<TrustBaselineLearningJob>().RunAsync(CancellationToken.None));
        var learned = await app.WithServiceAsync<SentinelDbContext, TrustSessionSummary>(db => db.Set<TrustSessionSummary>().SingleAsync(s => s.SessionId == firstBot));
        Assert.NotNull(learned.LearnedAt);
        Assert.Equal(TrustAction.Allow, learned.OverrideAction);
        Assert.NotEmpty(TrustSessionsService.View(learned).History);

        Assert.Equal(1, (await review.BlockedSinceAsync(DateTime.UtcNow.AddHours(-1), CancellationToken.None))[project]);
    }

    [Fact]
    public async Task ListSince_ShowsLiveAndFinishedSessionsOfTheWindow_NewestFirst()
    {
        await using var app = SentinelApp.Embedded(settings: FastFinish).Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(app);
        var (other, otherKey, _) = await TrustWire.ProjectAsync(app, "Other");
        using var client = app.CreateClient();
        var (finished, live, elsewhere) = (TrustWire.NewSessionId(), TrustWire.NewSessionId(), TrustWire.NewSessionId());
        await TrustWire.PostSessionAsync(client, publishable, finished, Input.Session(2, 5, bot: false));
        await Task.Delay(1200);
        await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None);
        await TrustWire.PostSessionAsync(client, publishable, live, Input.Session(4, 5, bot: false));
        await TrustWire.PostSessionAsync(client, otherKey, elsewhere, Input.Session(5, 5, bot: false));

        var sessions = app.Services.GetRequiredService<TrustSessionsService>();
        var mine = await sessions.ListSinceAsync(DateTime.UtcNow.AddMinutes(-5), [project], 100, CancellationToken.None);
        var all = await sessions.ListSinceAsync(DateTime.UtcNow.AddMinutes(-5), [project, other], 100, CancellationToken.None);

        Assert.Equal([(live, true), (finished, false)], mine.Select(r => (r.View.SessionId, r.View.Live)));
        Assert.Equal(3, all.Count);
        Assert.Equal(3, (await sessions.ListSinceAsync(DateTime.UtcNow.AddMinutes(-5), null, 100, CancellationToken.None)).Count);
        Assert.Empty(await sessions.ListSinceAsync(DateTime.UtcNow.AddMinutes(1), [project], 100, CancellationToken.None));
    }

    [Fact]
    public void ScoreHistory_StaysBounded_KeepsItsWholeSpan_AndRoundsWhatItKeeps()
    {
        var start = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var history = new List<ScorePoint>();

        for (var i = 0; i < 1000; i++)
        {
            ScoreHistory.Add(history, ScorePoint.Of(start.AddTicks(i * TimeSpan.TicksPerSecond + 1234), 0.123456, TrustAction.Challenge));
        }

        Assert.InRange(history.Count, ScoreHistory.MaxPoints / 2, ScoreHistory.MaxPoints);
        Assert.True(history[0].At < start.AddSeconds(100), $"the oldest kept point is {history[0].At:o}");
        Assert.Equal(start.AddSeconds(999), history[^1].At);
        Assert.Equal(0.123, history[^1].Score);
        Assert.Equal(history.OrderBy(p => p.At), history);
    }
}
