using Microsoft.Playwright;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>An admin's work in a real browser over the circuit: projects and team, with dialogs and snackbars.</summary>
public sealed class BrowserAdminTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Admin_CreatesRenamesAndArchivesAProject_AndEachStepIsAudited()
    {
        var page = await SignedInAdminAsync("/projects");
        var name = $"Shop {Guid.NewGuid():N}"[..16];
        var renamed = name + " v2";

        await page.GetByTestId("new-project").ClickAsync();
        await page.GetByTestId("name-input").FillAsync(name);
        await page.GetByTestId("name-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Created {name}");
        await Assertions.Expect(page.GetByTestId("projects").Locator(".project-name", new() { HasText = name })).ToBeVisibleAsync();

        // The same name again is refused inside the dialog, which stays open.
        await page.GetByTestId("new-project").ClickAsync();
        await page.GetByTestId("name-input").FillAsync(name.ToUpperInvariant());
        await page.GetByTestId("name-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("name-dialog")).ToContainTextAsync("already exists");
        await page.Keyboard.PressAsync("Escape");

        var row = page.GetByTestId("projects").Locator("tr", new() { HasText = name });
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Rename" }).ClickAsync();
        await page.GetByTestId("name-input").FillAsync(renamed);
        await page.GetByTestId("name-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("projects").Locator(".project-name", new() { HasText = renamed })).ToBeVisibleAsync();

        await page.GetByTestId("projects").Locator("tr", new() { HasText = renamed }).GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Archive" }).ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("projects").Locator(".project-name", new() { HasText = renamed })).ToHaveCountAsync(0);

        Assert.Single(await App.AuditAsync(AuditActions.ProjectCreated, name));
        Assert.Single(await App.AuditAsync(AuditActions.ProjectRenamed, renamed));
        Assert.Single(await App.AuditAsync(AuditActions.ProjectArchived, renamed));
    }

    [Fact]
    public async Task Admin_AddsAMember_WhoSignsInWithTheOneTimePassword_ThenRemovesThem()
    {
        var page = await SignedInAdminAsync("/team");
        var email = $"new-{Guid.NewGuid():N}@sentinel.test";

        await page.GetByTestId("add-member").ClickAsync();
        await page.GetByTestId("member-email").FillAsync(email);
        await page.GetByTestId("member-add").ClickAsync();
        var password = await page.GetByTestId("one-time-password").InputValueAsync();
        Assert.False(string.IsNullOrEmpty(password));
        await page.GetByTestId("one-time-password-done").ClickAsync();
        var row = page.GetByTestId("members").Locator("tr", new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync(Roles.Support);

        var member = await Browser.NewPageAsync();
        await member.SignInAsync(App, email, password);
        Assert.Contains("/Account/Manage/ChangePassword", member.Url, StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Remove" }).ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Removed {email}");
        await Assertions.Expect(page.GetByTestId("members").Locator("tr", new() { HasText = email })).ToHaveCountAsync(0);
        Assert.Single(await App.AuditAsync(AuditActions.UserCreated, email));
        Assert.Single(await App.AuditAsync(AuditActions.UserRemoved, email));
    }

    private async Task<IPage> SignedInAdminAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(App, path);
        await page.SignInAsync(App);
        await page.WaitForCircuitAsync();
        return page;
    }
}
