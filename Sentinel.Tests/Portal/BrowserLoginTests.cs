using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>The portal in a real browser: sign in as the first admin, see home, sign out; roles hold.</summary>
public sealed class BrowserLoginTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private SentinelApp _app = null!;

    public BrowserLoginTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    public Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(kestrel: true).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FirstAdmin_LogsIn_SeesHome_AndLogsOut()
    {
        var page = await NewPageAsync();

        await page.GotoAsync(_app.ServerAddress.ToString());
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await SignInAsync(page, SentinelApp.AdminEmail, SentinelApp.AdminPassword);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(SentinelApp.AdminEmail);
        await Assertions.Expect(page.Locator("nav a[href=projects]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(_app.ServerAddress, "/projects").ToString());
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportUser_IsDeniedTheAdminPages()
    {
        var email = $"support-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_app.ServerAddress, "/Account/Login").ToString());
        await SignInAsync(page, email, password);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Assertions.Expect(page.Locator("nav a[href=projects]")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(_app.ServerAddress, "/projects").ToString());

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.Browser.NewContextAsync();
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
    }
}
