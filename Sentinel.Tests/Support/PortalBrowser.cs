using Microsoft.Playwright;

namespace Sentinel.Tests.Support;

/// <summary>Intent methods for the portal in a real browser: open a page at a size, sign in, wait for the circuit.</summary>
public static class PortalBrowser
{
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh browser context (own cookies) and page.</summary>
    public static async Task<IPage> NewPageAsync(this BrowserFixture browser, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = viewport ?? Desktop });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static Task GotoAsync(this IPage page, SentinelApp app, string path) =>
        page.GotoAsync(new Uri(app.ServerAddress, path).ToString());

    /// <summary>Signs in through the login form (static SSR) and waits for the portal's circuit.</summary>
    public static async Task SignInAsync(this IPage page, SentinelApp app, string email = SentinelApp.AdminEmail, string password = SentinelApp.AdminPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await page.GotoAsync(app, "/Account/Login");
        }

        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");

        // Signed in once the browser has left the login page; what the next page shows is each test's own wait. (Waiting
        // for that page's load event too timed out once at 15 s: the first browser test of a cold, busy test run.)
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Waits until the page runs on its circuit: before that, clicks on MudBlazor controls do nothing. Up to 30 s: the
    /// first circuit of a test host starts while the rest of the suite compiles and runs beside it.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=on]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

    /// <summary>True when the page is wider than the window (the user would have to scroll sideways).</summary>
    public static Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth || document.body.scrollWidth > window.innerWidth");
}
