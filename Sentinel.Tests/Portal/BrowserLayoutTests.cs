using System.Globalization;
using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Projects;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Projects;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>
/// Every portal page at 1440x900 and at 390x844: a heading, and no sideways scrolling on a phone. Screenshots go
/// to SENTINEL_SCREENSHOTS when it is set (for people to look at), else to a temporary folder that is removed.
/// </summary>
public sealed class BrowserLayoutTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly string[] PortalPages =
    [
        "/", "/pipeline", "/projects", "/projects/shop-api", "/projects/shop-api?tab=settings", "/projects/shop-api?tab=quickstart", "/projects/no-such-project",
        "/team", "/audit", "/analytics", "/analytics/shop-api", "/projects/shop-api/analytics", "/trust/live", "/trust/review", "/no-such-page",
    ];
    private static readonly string[] AccountPages = ["/Account/Manage/ChangePassword", "/Account/AccessDenied", "/Account/Lockout", "/Error"];

    private readonly BrowserFixture _browser;
    private readonly string _screens;
    private readonly bool _keepScreens;
    private SentinelApp _app = null!;
    private Project _shop = null!;
    private string _reviewedSession = "";

    public BrowserLayoutTests(BrowserFixture browser)
    {
        _browser = browser;
        var configured = Environment.GetEnvironmentVariable("SENTINEL_SCREENSHOTS");
        _keepScreens = !string.IsNullOrEmpty(configured);
        _screens = _keepScreens ? configured! : Path.Combine(Path.GetTempPath(), $"sentinel-screens-{Guid.NewGuid():N}");
    }

    public async Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(kestrel: true).Start();
        foreach (var name in new[] { "Shop API", "Checkout service", "Mobile backend (iOS and Android)" })
        {
            await _app.CreateProjectAsync(name);
        }

        _shop = (await _app.WithServiceAsync<ProjectService, Project?>(s => s.FindBySlugAsync("shop-api", CancellationToken.None)))!;
        foreach (var kind in new[] { ApiKeyKind.Ingest, ApiKeyKind.Publishable, ApiKeyKind.Secret })
        {
            await _app.CreateKeyAsync(_shop.Id, kind);
        }

        // Finished sessions, so the trust policy's preview has something to split.
        await _app.WithServiceAsync<SentinelDbContext, int>(db =>
        {
            foreach (var (score, action) in new[] { (0.93, TrustAction.Allow), (0.88, TrustAction.Allow), (0.42, TrustAction.Challenge), (0.02, TrustAction.Block) })
            {
                var contribution = Math.Log(score / (1 - score));
                db.Add(new TrustSessionSummary
                {
                    Id = Guid.NewGuid(),
                    ProjectId = _shop.Id,
                    SessionId = "s" + Guid.NewGuid().ToString("N"),
                    LastSeen = DateTime.UtcNow.AddHours(-1),
                    Score = score,
                    Action = action,
                    Reasons = $"[{{\"Model\":\"physics\",\"Signal\":\"{(score < 0.1 ? Signals.UntrustedEvents : Signals.NaturalStrokes)}\",\"Value\":1,\"Contribution\":{contribution.ToString(CultureInfo.InvariantCulture)},\"Observations\":60}}]",
                });
            }

            // A flagged session with many reasons and a score history, for the session review page.
            _reviewedSession = "s" + Guid.NewGuid().ToString("N");
            var seen = DateTime.UtcNow.AddMinutes(-40);
            db.Add(new TrustSessionSummary
            {
                Id = Guid.NewGuid(),
                ProjectId = _shop.Id,
                SessionId = _reviewedSession,
                UserHash = "9f2c" + new string('a', 60),
                FirstSeen = seen.AddMinutes(-3),
                LastSeen = seen,
                EventsSeen = 1840,
                Score = 0.03,
                Action = TrustAction.Block,
                ModelVersions = "physics-3 pattern-2 keystroke-2 fusion-4",
                Reasons = "[" + string.Join(',', new (string Model, string Signal, double Value, double Contribution, int Observations)[]
                {
                    ("physics", Signals.ConstantVelocity, 0.914, -2.31, 1260), ("pattern", Signals.ReplayedTrajectories, 0.8, -1.92, 44),
                    ("physics", Signals.ZeroHoldClicks, 0.75, -1.2, 12), ("keystroke", Signals.KeystrokeDistance, 3.412, -0.84, 118),
                    ("physics", Signals.NaturalStrokes, 0.12, 0.35, 1260),
                }.Select(r => string.Create(CultureInfo.InvariantCulture, $"{{\"Model\":\"{r.Model}\",\"Signal\":\"{r.Signal}\",\"Value\":{r.Value},\"Contribution\":{r.Contribution},\"Observations\":{r.Observations}}}"))) + "]",
                ScoreHistory = "[" + string.Join(',', Enumerable.Range(0, 12).Select(i => string.Create(CultureInfo.InvariantCulture,
                    $"{{\"t\":\"{seen.AddSeconds((i * 15) - 180):O}\",\"s\":{Math.Max(0.03, 0.6 - (i * 0.06)):0.###},\"a\":{(i < 4 ? 1 : 2)}}}"))) + "]",
            });

            return db.SaveChangesAsync();
        });

        await _app.CreateUserAsync("support.lead@example.com", Roles.Support);
        await _app.CreateUserAsync("ops@example.com", Roles.Admin, mustChangePassword: true);
        Directory.CreateDirectory(_screens);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (!_keepScreens)
        {
            Directory.Delete(_screens, recursive: true);
        }
    }

    [Fact]
    public async Task EveryPage_HasAHeading_AndFitsAPhoneWithoutSidewaysScrolling()
    {
        var sideways = new List<string>();
        foreach (var (viewport, size) in new[] { (PortalBrowser.Desktop, "desktop"), (PortalBrowser.Phone, "phone") })
        {
            var login = await _browser.NewPageAsync(viewport);
            await login.GotoAsync(_app, "/Account/Login");
            await Check(login, $"login-{size}");

            var page = await _browser.NewPageAsync(viewport);
            await page.SignInAsync(_app);
            foreach (var path in PortalPages.Append($"/trust/review/{_shop.Id}/{_reviewedSession}"))
            {
                await page.GotoAsync(_app, path);
                await page.WaitForCircuitAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await Check(page, $"{Slug(path)}-{size}");
                if (path.StartsWith("/trust/review/", StringComparison.Ordinal))
                {
                    await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Session {_reviewedSession[..14]}…");
                    await Assertions.Expect(page.GetByTestId("session-reasons")).ToBeVisibleAsync();
                    var reasonsFit = await page.GetByTestId("session-reasons-box").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth");
                    Assert.True(size == "phone" || reasonsFit, "The reasons table does not fit its card on a desktop: a column is cut off.");
                }
            }

            await page.GotoAsync(_app, "/projects");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("new-project").ClickAsync();
            await Assertions.Expect(page.GetByTestId("name-dialog")).ToBeVisibleAsync();
            await Check(page, $"projects-dialog-{size}");

            await page.GotoAsync(_app, "/projects/shop-api");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("new-key").ClickAsync();
            await page.GetByTestId("key-create").ClickAsync();
            await Assertions.Expect(page.GetByTestId("new-key-token")).ToBeVisibleAsync();
            await Check(page, $"project-key-dialog-{size}");
            var keyFits = await page.GetByTestId("new-key-token").EvaluateAsync<bool>(
                "e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= document.documentElement.clientWidth");
            Assert.True(keyFits, $"The new key is not readable whole at {size} size: it is cut or scrolls sideways.");

            if (size == "phone")
            {
                await page.GotoAsync(_app, "/");
                await page.WaitForCircuitAsync();
                await page.GetByTestId("drawer-toggle").ClickAsync();
                await Assertions.Expect(page.GetByTestId("nav-projects")).ToBeVisibleAsync();
                await Check(page, "drawer-open-phone");
            }

            await page.GotoAsync(_app, "/");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("theme-toggle").ClickAsync();
            await page.WaitForTimeoutAsync(300);
            await Check(page, $"home-dark-{size}");
            await page.GetByTestId("theme-toggle").ClickAsync();

            foreach (var path in AccountPages)
            {
                await page.GotoAsync(_app, path);
                await Check(page, $"{Slug(path)}-{size}");
            }
        }

        Assert.Empty(sideways);

        async Task Check(IPage page, string name)
        {
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screens, $"{name}.png"), FullPage = true });
            if (await page.ScrollsSidewaysAsync())
            {
                sideways.Add(name);
            }
        }
    }

    private static string Slug(string path) =>
        path == "/" ? "home" : path.StartsWith("/trust/review/", StringComparison.Ordinal) ? "trust-session"
        : path.Trim('/').Replace('/', '-').Replace("?tab=", "-", StringComparison.Ordinal).ToLowerInvariant();
}
