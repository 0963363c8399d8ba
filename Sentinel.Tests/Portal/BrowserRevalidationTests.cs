using System.Diagnostics;
using Microsoft.Playwright;
using Sentinel.Domain.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Team;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>An open portal loses a person who was demoted or removed, within the revalidation interval (shortened here).</summary>
public sealed class BrowserRevalidationTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly BrowserFixture _browser;
    private SentinelApp _app = null!;

    public BrowserRevalidationTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    public Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(kestrel: true, new Dictionary<string, string?> { ["Portal:RevalidationInterval"] = Interval.ToString() }).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task DemotedAdmin_LosesTheOpenAdminPage_WithinTheInterval()
    {
        var email = $"admin-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Admin);
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_app, "/team");
        await page.SignInAsync(_app, email, password);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Team");

        var member = (await _app.WithServiceAsync<TeamService, List<TeamMember>>(team => team.ListAsync(CancellationToken.None))).Single(m => m.Email == email);
        var demoted = await _app.WithServiceAsync<TeamService, Microsoft.AspNetCore.Identity.IdentityResult>(team => team.ChangeRoleAsync(member.Id, Roles.Support, AuditActor.System));
        Assert.True(demoted.Succeeded);
        var clock = Stopwatch.StartNew();

        // The circuit turns anonymous at the next check and the router sends the browser to sign in; the cookie,
        // re-checked as often, no longer opens the portal either.
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = (float)(Interval * 3 + TimeSpan.FromSeconds(5)).TotalMilliseconds });
        Assert.True(clock.Elapsed < Interval * 3 + TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await page.GotoAsync(_app, "/team");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovedMember_LosesTheOpenPortal_WithinTheInterval()
    {
        var email = $"gone-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_app, email, password);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");

        var member = (await _app.WithServiceAsync<TeamService, List<TeamMember>>(team => team.ListAsync(CancellationToken.None))).Single(m => m.Email == email);
        Assert.True((await _app.WithServiceAsync<TeamService, Microsoft.AspNetCore.Identity.IdentityResult>(team => team.RemoveAsync(member.Id, AuditActor.System))).Succeeded);

        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = (float)(Interval * 3 + TimeSpan.FromSeconds(5)).TotalMilliseconds });
    }
}
