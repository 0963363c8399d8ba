using Microsoft.Playwright;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>The portal in a real browser: sign in, sign out, roles, one-time passwords.</summary>
public sealed class BrowserLoginTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task FirstAdmin_SignsIn_SeesTheOverviewOnACircuit_AndSignsOut()
    {
        var page = await Browser.NewPageAsync();

        await page.GotoAsync(App, "/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await page.SignInAsync(App);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(SentinelApp.AdminEmail);
        await Assertions.Expect(page.GetByTestId("nav-projects")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-admin/jobs")).ToBeVisibleAsync();

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync(App, "/projects");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportUser_SeesNoAdminNavigation_AndIsDeniedTheAdminPages()
    {
        var email = $"support-{Guid.NewGuid():N}@sentinel.test";
        var password = await App.CreateUserAsync(email, Roles.Support);
        var page = await Browser.NewPageAsync();

        await page.SignInAsync(App, email, password);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("nav-")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-projects")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-team")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-admin/jobs")).ToHaveCountAsync(0);

        foreach (var path in new[] { "/projects", "/team", "/audit" })
        {
            await page.GotoAsync(App, path);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        }
    }

    [Fact]
    public async Task NewMember_WithAOneTimePassword_MustChooseTheirOwnBeforeTheyContinue()
    {
        var email = $"new-{Guid.NewGuid():N}@sentinel.test";
        var oneTime = await App.CreateUserAsync(email, Roles.Support, mustChangePassword: true);
        var page = await Browser.NewPageAsync();

        await page.SignInAsync(App, email, oneTime);

        Assert.Contains("/Account/Manage/ChangePassword", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await page.FillAsync("#Input\\.OldPassword", oneTime);
        await page.FillAsync("#Input\\.NewPassword", "My-Own-Password-42");
        await page.FillAsync("#Input\\.ConfirmPassword", "My-Own-Password-42");
        await page.ClickAsync("#change-password-submit");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed.");

        await page.GotoAsync(App, "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        Assert.Single(await App.AuditAsync(AuditActions.UserPasswordChanged, email));
    }
}
