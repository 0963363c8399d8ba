using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sentinel.Domain.Identity;
using Sentinel.Domain.Projects;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Tests.Support;
using Sentinel.Web.Components.Pages.Projects;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The project page's components against the real services of an embedded host (SQLite), without a browser.</summary>
public sealed class ProjectPageTests : PortalComponentTest
{
    private SentinelApp _app = null!;
    private Project _project = null!;

    public override async Task InitializeAsync()
    {
        _app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(_app.Services);
        AddAuthorization().SetAuthorized("admin@sentinel.test").SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-id"));
        _project = await _app.CreateProjectAsync("Shop API");
    }

    protected override async Task DisposeTestAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheKeyDialog_ShowsTheNewKeyOnce_AndReopeningItDoesNotShowItAgain()
    {
        var page = Render(builder => WithDialogs(builder, typeof(ProjectKeys), ("Project", _project)));

        page.WaitForElement("[data-testid=new-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("checkout service");
        page.Find("[data-testid=key-create]").Click();
        var token = page.WaitForElement("input[data-testid=new-key-token]").GetAttribute("value")!;
        Assert.Contains("not shown again", page.Find("[data-testid=shown-once-warning]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=copy-key]"));

        // The key shown is the real one: it authenticates as an ingest key of this project.
        var identity = await _app.Services.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(token, CancellationToken.None);
        Assert.Equal((_project.Id, Sentinel.Domain.Keys.ApiKeyKind.Ingest), (identity!.ProjectId, identity.Kind));

        page.Find("[data-testid=key-done]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-key-dialog]")));
        var prefix = token[..token.LastIndexOf('_')];
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".key-prefix"), cell => cell.TextContent == prefix));
        Assert.DoesNotContain(token, page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=new-key]").Click();
        page.WaitForElement("[data-testid=key-create]");
        Assert.Empty(page.FindAll("[data-testid=new-key-token]"));
        Assert.DoesNotContain(token, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_ShowsTheReplacementOnce_AndTheOldKeyRotatesOutAfterTheOverlap()
    {
        var oldToken = await _app.CreateKeyAsync(_project.Id);
        var oldPrefix = oldToken[..oldToken.LastIndexOf('_')];
        var page = Render(builder => WithDialogs(builder, typeof(ProjectKeys), ("Project", _project)));

        page.WaitForElement($"[data-testid=key-actions-{oldPrefix}] button").Click();
        page.WaitForElement(".mud-menu-item:contains('Rotate')").Click();
        page.WaitForElement("[data-testid=rotate-ok]").Click();
        var newToken = page.WaitForElement("input[data-testid=new-key-token]").GetAttribute("value")!;
        page.Find("[data-testid=key-done]").Click();

        Assert.NotEqual(oldToken, newToken);
        page.WaitForAssertion(() => Assert.Equal("rotating out", page.Find($"[data-testid=key-state-{oldPrefix}]").TextContent));
        Assert.Equal("active", page.Find($"[data-testid=key-state-{newToken[..newToken.LastIndexOf('_')]}]").TextContent);
        Assert.DoesNotContain(newToken, page.Markup, StringComparison.Ordinal);
        var authenticator = _app.Services.GetRequiredService<ApiKeyAuthenticator>();
        Assert.NotNull(await authenticator.AuthenticateAsync(oldToken, CancellationToken.None)); // 24 hours of overlap by default
        Assert.NotNull(await authenticator.AuthenticateAsync(newToken, CancellationToken.None));
    }

    [Fact]
    public void ThePolicyEditor_NamesWhatIsWrongWithEachField_AndWillNotSave()
    {
        var page = Render<TrustPolicyEditor>(p => p.Add(e => e.ProjectId, _project.Id));
        page.WaitForElement("[data-testid=preview-empty]");

        page.Find("input[data-testid=policy-allow]").Input("1.5");
        page.Find("input[data-testid=policy-minimum]").Input("-3");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("AllowAtOrAbove must be between 0 and 1.", page.Markup, StringComparison.Ordinal);
            Assert.Contains("MinimumObservations must not be negative.", page.Markup, StringComparison.Ordinal);
            Assert.True(page.Find("[data-testid=policy-save]").HasAttribute("disabled"));
        });

        page.Find("input[data-testid=policy-allow]").Input("0.1");
        page.Find("input[data-testid=policy-minimum]").Input("20");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("BlockBelow must not be above AllowAtOrAbove.", page.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("AllowAtOrAbove must be between", page.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("must not be negative", page.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ThePolicyPreview_CountsTheRecentSessions_AndRecountsAsAThresholdChanges()
    {
        var natural = new SessionReason("physics", Signals.NaturalStrokes, 30, 2.2, 100);
        await AddSessionsAsync(
            (0.9, TrustAction.Allow, [natural]),
            (0.9, TrustAction.Allow, [natural]),
            (0.9, TrustAction.Allow, [natural]),
            (0.5, TrustAction.Challenge, [natural with { Contribution = -0.1 }]),
            (0.5, TrustAction.Challenge, [natural with { Contribution = -0.1 }]),
            (0.01, TrustAction.Block, [new SessionReason("physics", Signals.UntrustedEvents, 40, -8, 100)]),
            (0.9, TrustAction.Challenge, [natural with { Observations = 5 }]));
        var page = Render<TrustPolicyEditor>(p => p.Add(e => e.ProjectId, _project.Id));

        // The default policy: allow at 0.7, block under 0.15 with a conclusive reason, 20 observations at least.
        page.WaitForAssertion(() => Assert.Equal(("3", "3", "1"), Counts(page)));
        Assert.StartsWith("1 of them", page.Find("[data-testid=preview-too-little]").TextContent.Trim(), StringComparison.Ordinal);

        page.Find("input[data-testid=policy-allow]").Input("0.45");
        page.WaitForAssertion(() => Assert.Equal(("5", "1", "1"), Counts(page)));

        page.Find("input[data-testid=policy-minimum]").Input("0");
        page.WaitForAssertion(() => Assert.Equal(("6", "0", "1"), Counts(page)));
    }

    private static (string Allow, string Challenge, string Block) Counts(IRenderedComponent<TrustPolicyEditor> page) =>
        (page.Find("[data-testid=preview-allow]").TextContent, page.Find("[data-testid=preview-challenge]").TextContent, page.Find("[data-testid=preview-block]").TextContent);

    private async Task AddSessionsAsync(params (double Score, TrustAction Action, SessionReason[] Reasons)[] sessions)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var now = DateTime.UtcNow;
        foreach (var (score, action, reasons) in sessions)
        {
            db.Add(new TrustSessionSummary
            {
                Id = Guid.NewGuid(),
                ProjectId = _project.Id,
                SessionId = "s" + Guid.NewGuid().ToString("N"),
                FirstSeen = now.AddMinutes(-30),
                LastSeen = now.AddMinutes(-20),
                FinalizedAt = now.AddMinutes(-10),
                Score = score,
                Action = action,
                Reasons = JsonSerializer.Serialize(reasons.ToList()),
                ModelVersions = "test",
            });
        }

        await db.SaveChangesAsync();
    }

    private static void WithDialogs(RenderTreeBuilder builder, Type component, params (string Name, object Value)[] parameters)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent(2, component);
        foreach (var (name, value) in parameters)
        {
            builder.AddAttribute(3, name, value);
        }

        builder.CloseComponent();
    }
}
