using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>
/// Every portal page at 1440x900 and at 390x844: a heading, and no sideways scrolling on a phone. Screenshots go
/// to SENTINEL_SCREENSHOTS when it is set (for people to look at), else to a temporary folder that is removed.
/// </summary>
public sealed class BrowserLayoutTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly string[] PortalPages = ["/", "/pipeline", "/projects", "/team", "/audit", "/no-such-page"];
    private static readonly string[] AccountPages = ["/Account/Manage/ChangePassword", "/Account/AccessDenied", "/Account/Lockout", "/Error"];

    private readonly BrowserFixture _browser;
    private readonly string _screens;
    private readonly bool _keepScreens;
    private SentinelApp _app = null!;

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
            foreach (var path in PortalPages)
            {
                await page.GotoAsync(_app, path);
                await page.WaitForCircuitAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await Check(page, $"{Slug(path)}-{size}");
            }

            await page.GotoAsync(_app, "/projects");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("new-project").ClickAsync();
            await Assertions.Expect(page.GetByTestId("name-dialog")).ToBeVisibleAsync();
            await Check(page, $"projects-dialog-{size}");

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
        path == "/" ? "home" : path.Trim('/').Replace('/', '-').ToLowerInvariant();
}
