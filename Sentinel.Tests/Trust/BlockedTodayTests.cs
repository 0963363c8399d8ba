using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>
/// The overview's "sessions blocked today" counts a live BLOCK at once, and the same session once after it finishes
/// and again once when it comes back to life with another batch.
/// </summary>
public sealed class BlockedTodayTests
{
    private static readonly Dictionary<string, string?> FinishOnRequest = new()
    {
        ["Trust:IdleTimeout"] = "00:00:01",
        ["Trust:JobInterval"] = "01:00:00",
    };

    public static TheoryData<string> Modes => ["embedded", "production"];

    /// <summary>Embedded: the in-process hot store and SQLite; production: Redis and PostgreSQL.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ALiveBlock_CountsAtOnce_AndOnceAfterItFinishes_AndOnceWhenItIsLiveAgain(string mode)
    {
        await using var app = mode == "embedded"
            ? SentinelApp.Embedded(settings: FinishOnRequest).Start()
            : (await SentinelApp.ProductionAsync(settings: FinishOnRequest)).Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(app);
        var (other, otherKey, _) = await TrustWire.ProjectAsync(app, "Other");
        using var client = app.CreateClient();
        var (bot, human, elsewhere) = (TrustWire.NewSessionId(), TrustWire.NewSessionId(), TrustWire.NewSessionId());
        var since = DateTime.UtcNow.Date;

        var botActions = await TrustWire.PostSessionAsync(client, publishable, bot, Input.Session(1, 30, bot: true));
        var humanActions = await TrustWire.PostSessionAsync(client, publishable, human, Input.Session(2, 30, bot: false));
        var elsewhereActions = await TrustWire.PostSessionAsync(client, otherKey, elsewhere, Input.Session(3, 30, bot: true));
        Assert.Equal(("BLOCK", "BLOCK"), (botActions[^1], elsewhereActions[^1]));
        Assert.NotEqual("BLOCK", humanActions[^1]);

        // Live: nothing is finished yet, so the database alone counts nothing; the live BLOCKs count.
        Assert.Empty(await app.WithServiceAsync<SentinelDbContext, Dictionary<Guid, int>>(db => db.BlockedSinceAsync(since, CancellationToken.None)));
        Assert.Equal(new Dictionary<Guid, int> { [project] = 1, [other] = 1 }, await BlockedAsync(app, since));

        // Finished (summaries written): still once each.
        var job = app.Services.GetRequiredService<TrustFinalizationJob>();
        var finished = 0;
        await Wait.UntilAsync(async () => (finished += await job.RunAsync(CancellationToken.None)) == 3, TimeSpan.FromSeconds(30), () => $"{finished} of 3 sessions finished");
        Assert.Equal(new Dictionary<Guid, int> { [project] = 1, [other] = 1 }, await app.WithServiceAsync<SentinelDbContext, Dictionary<Guid, int>>(db => db.BlockedSinceAsync(since, CancellationToken.None)));
        Assert.Equal(new Dictionary<Guid, int> { [project] = 1, [other] = 1 }, await BlockedAsync(app, since));

        // The bot sends another batch: live again and finished at once, counted once.
        var again = await TrustWire.PostSessionAsync(client, publishable, bot, Input.Session(4, 10, bot: true));
        Assert.Equal("BLOCK", again[^1]);
        Assert.Equal(new Dictionary<Guid, int> { [project] = 1, [other] = 1 }, await BlockedAsync(app, since));
    }

    private static Task<Dictionary<Guid, int>> BlockedAsync(SentinelApp app, DateTime since) =>
        app.WithServiceAsync<TrustReviewService, Dictionary<Guid, int>>(review => review.BlockedSinceAsync(since, CancellationToken.None));
}
