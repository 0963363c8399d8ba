using System.Net;
using AngleSharp.Html.Parser;
using Sentinel.Domain.Auditing;
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
    [InlineData("/pipeline")]
    public async Task AnonymousVisitor_IsSentToLogin(string path)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/projects")]
    [InlineData("/projects/shop-api?tab=settings")]
    [InlineData("/team")]
    [InlineData("/audit")]
    [InlineData("/pipeline")]
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

        // The prerendered HTML of the interactive page, before any circuit.
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        Assert.Equal(email, home.QuerySelector("[data-testid=current-user]")?.TextContent.Trim());
        Assert.NotNull(home.QuerySelector("[data-testid=nav] a[href='']"));
        Assert.Null(home.QuerySelector("[data-testid=nav] a[href=projects]"));
        Assert.Null(home.QuerySelector("[data-testid=nav] a[href='admin/jobs']"));
    }

    [Fact]
    public async Task Portal_ServesTheBlazorScript_AndPagesAskForAnInteractiveCircuit()
    {
        using var client = await _app.SignedInClientAsync();

        var script = await client.GetAsync("/_framework/blazor.web.js");
        var mud = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mud.StatusCode);
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIns_FailedSignIns_AndLockouts_AreAudited()
    {
        var email = $"audited-{Guid.NewGuid():N}@sentinel.test";
        var password = await _app.CreateUserAsync(email, Roles.Support);
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-123" });
        }

        Assert.Single(await _app.AuditAsync(AuditActions.UserSignedIn, email));
        Assert.Equal(4, (await _app.AuditAsync(AuditActions.UserSignInFailed, email)).Count);
        Assert.Single(await _app.AuditAsync(AuditActions.UserLockedOut, email));
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = SentinelApp.AdminEmail,
            ["Input.Password"] = SentinelApp.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithTheFormsToken_EndsTheSession()
    {
        using var client = await _app.SignedInClientAsync();
        var token = new HtmlParser().ParseDocument(await client.GetStringAsync("/"))
            .QuerySelector("#logout-form input[name=__RequestVerificationToken]")?.GetAttribute("value");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", (await client.GetAsync("/")).Headers.Location?.PathAndQuery, StringComparison.Ordinal);
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
}
