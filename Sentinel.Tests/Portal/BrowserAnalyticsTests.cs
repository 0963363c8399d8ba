using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>
/// The analytics dashboard as a user meets it: events posted through the real ingestion endpoint with a real key,
/// drained by the embedded host, then seen in Chromium by a Support user; the view lives in the URL.
/// </summary>
public sealed class BrowserAnalyticsTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>The view changes over the circuit (history.pushState, no page load); a loaded machine can take seconds.</summary>
    private static readonly PageAssertionsToHaveURLOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task EventsJustSent_ShowOnTheDashboard_AndTheUrlReloadsTheSameView()
    {
        var project = await App.CreateProjectAsync($"Shop {Guid.NewGuid():N}"[..13]);
        var key = await App.CreateKeyAsync(project.Id);
        var start = DateTime.UtcNow.AddMinutes(-20);
        var production = TestEvents.Generate(150, seed: 71, start);
        var staging = TestEvents.Generate(40, seed: 72, start, environment: "staging");
        using (var client = new HttpClient { BaseAddress = App.ServerAddress })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, production)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, staging)).StatusCode);
        }

        // The embedded host drains in process; wait until the store holds every event.
        var stored = await App.WaitForStoredAsync(project.Id, start, 190, TimeSpan.FromSeconds(90));
        var stagingRoute = Busiest(staging);
        var password = await App.CreateUserAsync("support@example.com", Roles.Support);

        var page = await Browser.NewPageAsync(PortalBrowser.Desktop);
        await page.SignInAsync(App, "support@example.com", password);
        await page.GotoAsync(App, "/analytics");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("analytics-project-link").Filter(new() { HasText = project.Name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync("190");
        await Assertions.Expect(page.GetByTestId("top-routes")).ToContainTextAsync(stored.TopRoutes(1).Single().Route);
        await Screenshot(page, "dashboard-desktop");

        // Over 30 days the percentiles are estimates (ADR 031) and say so; the counts stay exact.
        await page.GetByTestId("range-30d").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=30d"), Slow);
        await Assertions.Expect(page.GetByTestId("kpi-p95-value")).ToContainTextAsync("≈");
        await Assertions.Expect(page.GetByTestId("kpi-p95")).ToContainTextAsync("estimate, within 1%");
        await Assertions.Expect(page.GetByTestId("latency-caption")).ToContainTextAsync("≈ estimates within 1%");
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync("190");
        await Screenshot(page, "dashboard-30d-desktop");

        await page.GetByTestId("range-1h").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=1h"), Slow);
        await page.GetByTestId("filter-environment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "staging" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("env=staging"), Slow);
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync("40");
        var url = page.Url;

        // A reload (or the link shared) shows the same view: the range, the environment, the numbers.
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        Assert.Equal(url, page.Url);
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync("40");
        await Assertions.Expect(page.GetByTestId("range-1h")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
        await Assertions.Expect(page.GetByTestId("range-caption")).ToContainTextAsync("staging");

        // The route page: the same dashboard narrowed to one route, the view kept.
        await page.GetByTestId("top-routes").GetByTestId("route-link").Filter(new() { HasTextRegex = Exactly($"{stagingRoute.Method} {stagingRoute.Route}") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/routes/.*env=staging"), Slow);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(stagingRoute.Route);
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync(stagingRoute.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshot(page, "route-desktop");

        // The consumer page from the project's consumers table.
        await page.GotoAsync(App, $"/analytics/{project.Slug}?range=1h");
        await page.WaitForCircuitAsync();
        var consumer = Consumers(production.Concat(staging)).First();
        await page.GetByTestId("top-consumers").GetByTestId("consumer-link").Filter(new() { HasTextRegex = Exactly(consumer.Id) }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(consumer.Id);
        await Assertions.Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync(consumer.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var phone = await Browser.NewPageAsync(PortalBrowser.Phone);
        await phone.SignInAsync(App, "support@example.com", password);
        await phone.GotoAsync(App, $"/analytics/{project.Slug}");
        await phone.WaitForCircuitAsync();
        await Assertions.Expect(phone.GetByTestId("kpi-requests-value")).ToHaveTextAsync("190");
        await Screenshot(phone, "dashboard-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
        await phone.GotoAsync(App, $"/analytics/{project.Slug}?range=30d");
        await phone.WaitForCircuitAsync();
        await Assertions.Expect(phone.GetByTestId("kpi-p95-value")).ToContainTextAsync("≈");
        await Screenshot(phone, "dashboard-30d-phone");
        Assert.False(await phone.ScrollsSidewaysAsync());
    }

    [Fact]
    public async Task ABadRangeInTheUrl_SaysWhatIsWrong_InsteadOfFailing()
    {
        var project = await App.CreateProjectAsync($"Api {Guid.NewGuid():N}"[..12]);
        var page = await Browser.NewPageAsync(PortalBrowser.Desktop);
        await page.SignInAsync(App);
        await page.GotoAsync(App, $"/analytics/{project.Slug}?range=custom&from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("view-problem")).ToContainTextAsync("to: must be after 'from'");

        await page.GotoAsync(App, $"/analytics/{project.Slug}?range=90m");
        await Assertions.Expect(page.GetByTestId("view-problem")).ToContainTextAsync("range: '90m' is not one of");

        await page.GotoAsync(App, "/analytics/no-such-project");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No such project");
    }

    private static (string Method, string Route, int Count) Busiest(IEnumerable<JsonObject> events) =>
        events.GroupBy(e => (Method: (string)e["method"]!, Route: (string)e["route"]!))
            .Select(g => (g.Key.Method, g.Key.Route, Count: g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal)
            .First();

    private static System.Text.RegularExpressions.Regex Exactly(string text) =>
        new($"^\\s*{System.Text.RegularExpressions.Regex.Escape(text)}\\s*$");

    private static IEnumerable<(string Id, int Count)> Consumers(IEnumerable<JsonObject> events) =>
        events.Where(e => e["consumerId"] is not null).GroupBy(e => (string)e["consumerId"]!)
            .Select(g => (g.Key, g.Count())).OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal);

    /// <summary>Kept in SENTINEL_SCREENSHOTS when set, for people to look at.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SENTINEL_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"analytics-{name}.png"), FullPage = true });
        }
    }
}
