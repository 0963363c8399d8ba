using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sentinel.Domain.Auditing;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Pipeline;
using Sentinel.Tests.Support;
using StackExchange.Redis;

namespace Sentinel.Tests.Portal;

/// <summary>
/// An admin watches the pipeline in a real browser: production mode on real Redis, an entry the workers cannot decode
/// becomes a dead letter, the page (refreshing on its own) shows it with a safe preview, and redrive and discard
/// run as Hangfire jobs with an audit entry each.
/// </summary>
public sealed class BrowserPipelineTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_SeesAnUndecodableEntryAsADeadLetter_RedrivesIt_ThenDiscardsIt()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var app = SentinelApp.Production(settings, kestrel: true).Start();
        var queue = (RedisIngestQueue)app.Services.GetRequiredService<IIngestQueue>();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(app);
        await page.GotoAsync(app, "/pipeline");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("dead-letter-count")).ToHaveTextAsync("0");

        // Put the entry on the stream behind the endpoint's back: the worker cannot decode it and sets it aside.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(settings["Redis:Configuration"]!))
        {
            await redis.GetDatabase().ExecuteAsync("XADD", queue.StreamKey.ToString(), "*", "b", "<b>not a batch</b>");
        }

        // No reload: the page refreshes itself.
        var letter = page.GetByTestId("dead-letter");
        await Assertions.Expect(letter).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("dead-letter-count")).ToHaveTextAsync("1");
        await Assertions.Expect(letter.GetByTestId("dead-letter-reason")).ToContainTextAsync("cannot be decoded");
        await Assertions.Expect(letter.GetByTestId("dead-letter-preview")).ToHaveTextAsync("<b>not a batch</b>");
        await Assertions.Expect(page.GetByTestId("consumers")).ToBeVisibleAsync();
        var firstId = (await queue.DeadLettersAsync(10, CancellationToken.None)).Single().Id;

        // Redrive: the job puts it back, the worker dead-letters it again (it is still undecodable), under a new id.
        await letter.GetByTestId("dead-letter-redrive").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Redrive queued");
        await Wait.UntilAsync(
            async () => (await queue.DeadLettersAsync(10, CancellationToken.None)) is [var again] && again.Id != firstId,
            TimeSpan.FromSeconds(20),
            () => "The redriven entry did not come back as a new dead letter.");
        Assert.Single(await app.AuditAsync(AuditActions.DeadLetterRedriven, firstId));

        await page.GetByTestId("discard-all").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No dead letters", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("dead-letter-count")).ToHaveTextAsync("0");
        var audit = Assert.Single(await app.AuditAsync(AuditActions.DeadLetterDiscarded, DeadLetterActions.All));
        Assert.Equal(SentinelApp.AdminEmail, audit.Actor);
        Assert.StartsWith("Hangfire job ", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_LoadsTheDemoFromAnEmptyOverview_AndTheProjectAppearsWithTraffic()
    {
        await using var app = SentinelApp.Embedded(kestrel: true).Start();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(app);
        await page.WaitForCircuitAsync();

        await page.GetByTestId("load-demo").ClickAsync();

        // The request is audited when the job is queued (the snackbar that says so may come and go on a loaded machine).
        await Wait.UntilAsync(async () => (await app.AuditAsync(AuditActions.DemoDataRequested, "Demo shop")).Count == 1, TimeSpan.FromSeconds(60), () => "The demo was not requested.");
        var card = page.GetByTestId("project-card-demo-shop");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(card.GetByTestId("project-requests")).Not.ToHaveTextAsync("0", new() { Timeout = 120_000 });
        await Wait.UntilAsync(async () => (await app.AuditAsync(AuditActions.DemoDataLoaded, "Demo shop")).Count == 1, TimeSpan.FromSeconds(120), () => "The demo job did not finish.");
    }
}
