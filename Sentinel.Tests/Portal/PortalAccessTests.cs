using System.Net;
using AngleSharp.Html.Parser;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Portal;

/// <summary>Sign-in, roles, antiforgery and lockout over HTTP, on the embedded host.</summary>
public sealed class PortalAccessTests : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app;

    public PortalAccessTests(EmbeddedAppFixture app)
    {
        _app = app.Instance;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/projects")]
    [InlineData("/audit")]
    public async Task AnonymousVisitor_IsSentToLogin(string path)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/projects")]
    [InlineData("/team")]
    [InlineData("/audit")]
    public async Task SupportUser_CannotOpenAdminPages(string path)
    {
        var email = $"support-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        using var client = await _app.SignedInClientAsync(email, password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportUser_SeesHomeWithoutAdminNavigation()
    {
        var email = $"support-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        using var client = await _app.SignedInClientAsync(email, password);

        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        Assert.Equal(email, home.QuerySelector("[data-testid=current-user]")?.TextContent.Trim());
        Assert.Null(home.QuerySelector("nav a[href=projects]"));
    }

    [Fact]
    public async Task Admin_CreatesAProject_AndTheChangeIsAudited()
    {
        using var client = await _app.SignedInClientAsync();
        var name = $"Shop API {Guid.NewGuid():N}"[..20];

        var response = await SentinelApp.PostFormAsync(client, "/projects", "create-project", new() { ["Input.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.QuerySelectorAll("[data-testid=projects] td"), cell => cell.TextContent == name);
        var audit = new HtmlParser().ParseDocument(await client.GetStringAsync("/audit"));
        Assert.Contains(audit.QuerySelectorAll("[data-testid=audit] tr"), row => row.TextContent.Contains("project.created", StringComparison.Ordinal) && row.TextContent.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_CreatingAProjectWithoutAName_GetsTheReason()
    {
        using var client = await _app.SignedInClientAsync();

        var response = await SentinelApp.PostFormAsync(client, "/projects", "create-project", new() { ["Input.Name"] = "" });

        Assert.Contains("A project needs a name.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = await _app.SignedInClientAsync();

        var response = await client.PostAsync("/projects", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-project",
            ["Input.Name"] = "Forged",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var projects = await client.GetStringAsync("/projects");
        Assert.DoesNotContain(">Forged<", projects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountOut()
    {
        var email = $"lock-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-123" });
        }

        var withRightPassword = await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, withRightPassword.StatusCode);
        Assert.EndsWith("Account/Lockout", withRightPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_AddsASupportMember_WhoCanSignInWithTheOneTimePassword()
    {
        using var admin = await _app.SignedInClientAsync();
        var email = $"new-{Guid.NewGuid():N}@sentinel.test";

        var response = await SentinelApp.PostFormAsync(admin, "/team", "add-member", new() { ["Input.Email"] = email, ["Input.Role"] = Roles.Support });
        var password = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelector("[data-testid=one-time-password]")?.TextContent;

        Assert.False(string.IsNullOrEmpty(password));
        using var member = await _app.SignedInClientAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
    }
}
