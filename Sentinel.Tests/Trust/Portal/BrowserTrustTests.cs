using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;
using Xunit.Abstractions;

namespace Sentinel.Tests.Trust.Portal;

/// <summary>
/// Support's trust work in Chromium over the circuit: the live page follows batches posted over HTTP, and a blocked
/// session is reviewed (replay played, override with a note) until the verdict API answers the override.
/// Screenshots go to SENTINEL_SCREENSHOTS when it is set.
/// </summary>
public sealed class BrowserTrustTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string SupportEmail = "support@example.com";

    private static readonly Dictionary<string, string?> FastFinish = new()
    {
        ["Trust:IdleTimeout"] = "00:00:01",
        ["Trust:JobInterval"] = "01:00:00",
    };

    [Fact]
    public async Task LivePage_ShowsANewSession_AndItsRowChanges_WithinTwoSecondsOfEachBatch()
    {
        await using var app = SentinelApp.Embedded(kestrel: true).Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(app);
        var page = await SignedInSupportAsync(app, "/trust/live?project=" + project);
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        var session = TrustWire.NewSessionId();
        var events = Input.Session(1, 30, bot: true);
        var row = page.Locator($"[data-testid=live-row][data-session={session}]");

        var clock = Stopwatch.StartNew();
        await TrustWire.PostSessionAsync(client, publishable, session, events.Take(100).ToList());
        await Assertions.Expect(row).ToHaveAttributeAsync("data-events", "100", new() { Timeout = 2000 });
        var appeared = clock.Elapsed;

        clock.Restart();
        await TrustWire.PostSessionAsync(client, publishable, session, events.Skip(100).ToList(), batchSize: 500);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-events", events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 2000 });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-action", "BLOCK", new() { Timeout = 2000 });
        var changed = clock.Elapsed;

        await ScreenshotAsync(page, "live-desktop");
        output.WriteLine($"row appeared {appeared.TotalMilliseconds:0} ms and changed {changed.TotalMilliseconds:0} ms after the POSTs started");
        Assert.InRange(appeared, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.InRange(changed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        await Assertions.Expect(page.GetByTestId("live-status")).Not.ToContainTextAsync("· 0 updates");
    }

    [Fact]
    public async Task TwoHostsOnOneRedis_ABatchScoredOnHostA_ShowsOnALivePageServedByHostB()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var hostA = SentinelApp.Production(settings, kestrel: true).Start();
        await using var hostB = SentinelApp.Production(settings, kestrel: true).Start();
        var (project, publishable, _) = await TrustWire.ProjectAsync(hostA);
        var page = await SignedInSupportAsync(hostB, "/trust/live?project=" + project);
        using var clientA = new HttpClient { BaseAddress = hostA.ServerAddress };
        var session = TrustWire.NewSessionId();
        var row = page.Locator($"[data-testid=live-row][data-session={session}]");

        // Host B subscribes to the channel when its first page opens; the first batch may be scored before that.
        await TrustWire.PostSessionAsync(clientA, publishable, session, Input.Session(2, 1, bot: false));
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var clock = Stopwatch.StartNew();
        var events = Input.Session(2, 1, bot: false).Count + Input.Session(3, 2, bot: false).Count;
        await TrustWire.PostSessionAsync(clientA, publishable, session, Input.Session(3, 2, bot: false));
        await Assertions.Expect(row).ToHaveAttributeAsync("data-events", events.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 2000 });

        output.WriteLine($"host B's page showed host A's batch {clock.Elapsed.TotalMilliseconds:0} ms after the POST started");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Support_ReviewsABlockedSession_WatchesTheReplay_OverridesToAllow_AndTheVerdictApiSaysAllow()
    {
        await using var app = SentinelApp.Embedded(kestrel: true, settings: FastFinish).Start();
        var (project, publishable, secret) = await TrustWire.ProjectAsync(app);
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        var session = TrustWire.NewSessionId();
        var actions = await TrustWire.PostSessionAsync(client, publishable, session, Input.Session(1, 30, bot: true), userId: "scripted-user");
        Assert.Equal("BLOCK", actions[^1]);
        await Task.Delay(1200);
        Assert.Equal(1, await app.Services.GetRequiredService<TrustFinalizationJob>().RunAsync(CancellationToken.None));

        var page = await SignedInSupportAsync(app, "/trust/review");
        var queued = page.Locator($"[data-testid=review-row][data-session={session}]");
        await queued.GetByTestId("review-claim").ClickAsync();
        await Assertions.Expect(queued.GetByTestId("review-assignee")).ToHaveTextAsync(SupportEmail);
        await ScreenshotAsync(page, "review-queue-desktop");
        await queued.GetByTestId("review-open").ClickAsync();

        await Assertions.Expect(page.GetByTestId("replay-canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("session-reasons")).ToContainTextAsync("mouse");
        await page.GetByTestId("replay-play").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-play")).ToHaveAttributeAsync("data-playing", "true");
        await Assertions.Expect(page.GetByTestId("replay-position")).Not.ToHaveAttributeAsync("data-ms", "0");
        var first = double.Parse((await page.GetByTestId("replay-position").GetAttributeAsync("data-ms"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForTimeoutAsync(600);
        var later = double.Parse((await page.GetByTestId("replay-position").GetAttributeAsync("data-ms"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(later > first, $"the replay did not advance: {first} then {later} ms");
        await ScreenshotAsync(page, "session-desktop");

        await page.GetByTestId("override-allow").ClickAsync();
        await page.GetByTestId("override-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("override-dialog")).ToContainTextAsync("note");
        await page.GetByTestId("override-note").FillAsync("Our QA team's load-test script.");
        await page.GetByTestId("override-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("session-override")).ToContainTextAsync("Our QA team's load-test script.");

        var verdict = await TrustWire.GetSessionAsync(client, secret, session);
        Assert.Equal("ALLOW", verdict.GetProperty("action").GetString());
        Assert.Equal(SupportEmail, verdict.GetProperty("overridden").GetProperty("by").GetString());

        // The same pages on a phone: nothing scrolls sideways.
        var phone = await SignedInSupportAsync(app, $"/trust/review/{project}/{session}", PortalBrowser.Phone);
        await Assertions.Expect(phone.GetByTestId("replay-canvas")).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "session-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
        foreach (var (path, name) in new[] { ("/trust/live", "live-phone"), ("/trust/review", "review-queue-phone") })
        {
            await phone.GotoAsync(app, path);
            await phone.WaitForCircuitAsync();
            if (name == "live-phone")
            {
                await Assertions.Expect(phone.Locator($"[data-testid=live-row][data-session={session}]")).ToHaveAttributeAsync("data-action", "ALLOW");
            }

            await ScreenshotAsync(phone, name);
            Assert.False(await phone.ScrollsSidewaysAsync(), name);
        }
    }

    private string? _supportPassword;

    /// <summary>Signs in as a Support member (created on first use; xUnit makes one instance per test, and each test has its own host).</summary>
    private async Task<IPage> SignedInSupportAsync(SentinelApp app, string path, ViewportSize? viewport = null)
    {
        _supportPassword ??= await app.CreateUserAsync(SupportEmail, Roles.Support);
        var page = await browser.NewPageAsync(viewport);
        await page.SignInAsync(app, SupportEmail, _supportPassword);
        await page.GotoAsync(app, path);
        await page.WaitForCircuitAsync();
        return page;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SENTINEL_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"trust-{name}.png"), FullPage = true });
        }
    }
}
