using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Tests.Support;
using Xunit.Abstractions;

namespace Sentinel.Tests.Portal;

/// <summary>An admin's work on one project's page in a real browser: keys end to end, and the quickstart as pasted.</summary>
public sealed class BrowserProjectTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    [Fact]
    public async Task Admin_CreatesAndCopiesAKey_ThatIngests_ThenRevokesIt_AndItGets401WithinFiveSeconds()
    {
        var project = await App.CreateProjectAsync("Shop API");
        var page = await SignedInAdminAsync("/projects");

        // Reached from the projects list.
        await page.GetByTestId($"project-link-{project.Slug}").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/projects/{project.Slug}", StringComparison.Ordinal));
        await page.GetByTestId("new-key").ClickAsync();
        await page.GetByTestId("key-kind-ingest").ClickAsync();
        await page.GetByTestId("key-name").FillAsync("checkout service");
        await page.GetByTestId("key-create").ClickAsync();
        var shown = await page.GetByTestId("new-key-token").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("shown-once-warning")).ToContainTextAsync("not shown again");

        await page.GetByTestId("copy-key").ClickAsync();
        // The click reaches the clipboard over the circuit and a JS call: read it once the write has landed.
        var token = "";
        await Wait.UntilAsync(
            async () => (token = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Length > 0,
            TimeSpan.FromSeconds(5),
            () => "The clipboard stayed empty after Copy.");
        Assert.Equal(shown, token);
        Assert.StartsWith("snt_ing_", token, StringComparison.Ordinal);
        await page.GetByTestId("key-done").ClickAsync();
        var prefix = token[..token.LastIndexOf('_')];
        await Assertions.Expect(page.GetByTestId($"key-state-{prefix}")).ToHaveTextAsync("active");
        Assert.Equal(0, await page.GetByText(token).CountAsync());

        using var client = new HttpClient { BaseAddress = App.ServerAddress };
        var accepted = await TestEvents.PostAsync(client, token, TestEvents.Generate(3, seed: 1, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        await page.GetByTestId($"key-actions-{prefix}").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        var revoked = Stopwatch.StartNew();
        await Assertions.Expect(page.GetByTestId($"key-state-{prefix}")).ToHaveTextAsync("revoked");

        HttpStatusCode status;
        do
        {
            status = (await TestEvents.PostAsync(client, token, TestEvents.Generate(1, seed: 2, DateTime.UtcNow))).StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && revoked.Elapsed < TimeSpan.FromSeconds(6) && await Delay());

        output.WriteLine($"First 401 after the revocation was confirmed in the page: {revoked.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(5), $"401 came {revoked.Elapsed.TotalSeconds:0.0} s after the revocation.");
        Assert.Equal("admin@sentinel.test", Assert.Single(await App.AuditAsync(AuditActions.KeyCreated, "Shop API: checkout service")).Actor);
        Assert.Equal("admin@sentinel.test", Assert.Single(await App.AuditAsync(AuditActions.KeyRevoked, "checkout service")).Actor);
    }

    [Fact]
    public async Task TheCurlQuickstart_AsShown_PostsAnEventThatIsAccepted()
    {
        var project = await App.CreateProjectAsync("Shop API");
        var key = await App.CreateKeyAsync(project.Id);
        var page = await SignedInAdminAsync($"/projects/{project.Slug}?tab=quickstart");

        var snippet = await page.GetByTestId("snippet-code-curl").TextContentAsync();
        Assert.Contains($"{App.ServerAddress.ToString().TrimEnd('/')}/v1/events/batch", snippet, StringComparison.Ordinal);
        foreach (var id in new[] { "node", "dotnet", "collector" })
        {
            await Assertions.Expect(page.GetByTestId($"snippet-code-{id}")).ToContainTextAsync(App.ServerAddress.ToString().TrimEnd('/'));
        }

        var run = new ProcessStartInfo("bash", ["-c", snippet!]) { RedirectStandardOutput = true, RedirectStandardError = true };
        run.Environment["SENTINEL_KEY"] = key;
        using var curl = Process.Start(run)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();

        Assert.StartsWith("HTTP/1.1 202", output, StringComparison.Ordinal);
        Assert.Contains("\"accepted\":1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SetsOriginsAndTheTrustPolicy_OnTheSettingsTab_AndTheTrustSettingsServeThem()
    {
        var project = await App.CreateProjectAsync("Shop API");
        var page = await SignedInAdminAsync($"/projects/{project.Slug}?tab=settings");

        await page.GetByTestId("origins-input").FillAsync("https://shop.example\nnot an origin");
        await page.GetByTestId("origins-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-origins")).ToContainTextAsync("'not' is not an origin");
        await page.GetByTestId("origins-input").FillAsync("https://shop.example");
        await page.GetByTestId("origins-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved 1 origin(s).");

        await page.GetByTestId("policy-allow").FillAsync("0.85");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved the trust policy." })).ToBeVisibleAsync();

        var trust = await App.Services.GetRequiredService<TrustSettingsService>().GetAsync(project.Id, CancellationToken.None);
        Assert.True(trust.Allows("https://shop.example"));
        Assert.Equal(TrustPolicy.Default with { AllowAtOrAbove = 0.85 }, trust.Policy);
        Assert.Equal("admin@sentinel.test", Assert.Single(await App.AuditAsync(AuditActions.TrustPolicyChanged, "Shop API")).Actor);
        Assert.Single(await App.AuditAsync(AuditActions.TrustOriginsSet, "Shop API"));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    private async Task<IPage> SignedInAdminAsync(string path)
    {
        // The clipboard permissions let the test read what the copy button wrote (http://127.0.0.1 is a secure context).
        var context = await Browser.Browser.NewContextAsync(new() { ViewportSize = PortalBrowser.Desktop, Permissions = ["clipboard-read", "clipboard-write"] });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(App, path);
        await page.SignInAsync(App);
        await page.WaitForCircuitAsync();
        return page;
    }
}
