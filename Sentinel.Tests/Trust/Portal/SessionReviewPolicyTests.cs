using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Identity;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Portal.Components;
using Sentinel.Tests.Support;
using Sentinel.Web.Components.Pages.Trust;

namespace Sentinel.Tests.Trust.Portal;

/// <summary>The session page's score chart draws the thresholds of the policy the session's project judges by.</summary>
public sealed class SessionReviewPolicyTests : PortalComponentTest
{
    private static readonly AuditActor Admin = new("admin-id", "admin@sentinel.test");

    [Fact]
    public async Task TheScoreChart_DrawsTheProjectsOwnThresholds_AndADefaultProjectsTheDefaultOnes()
    {
        await using var app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(app.Services);
        AddAuthorization().SetAuthorized("support@sentinel.test").SetRoles(Roles.Support).SetClaims(new Claim(ClaimTypes.NameIdentifier, "support-id"));
        var (strict, strictKey, _) = await TrustWire.ProjectAsync(app, "Strict");
        var (plain, plainKey, _) = await TrustWire.ProjectAsync(app, "Plain");
        var own = TrustPolicy.Default with { AllowAtOrAbove = 0.85, BlockBelow = 0.3 };
        await app.Services.GetRequiredService<TrustSettingsService>().SetPolicyAsync(strict, own, Admin, CancellationToken.None);
        using var client = app.CreateClient();
        var (strictSession, plainSession) = (TrustWire.NewSessionId(), TrustWire.NewSessionId());
        await TrustWire.PostSessionAsync(client, strictKey, strictSession, Input.Session(1, 30, bot: true));
        await TrustWire.PostSessionAsync(client, plainKey, plainSession, Input.Session(2, 30, bot: true));

        var strictPage = Render<SessionReview>(p => p.Add(r => r.ProjectId, strict).Add(r => r.SessionId, strictSession));
        strictPage.WaitForAssertion(() => Assert.NotNull(strictPage.Find("[data-testid=score-chart]")), TimeSpan.FromSeconds(20));
        Assert.Equal(Y(own.AllowAtOrAbove), strictPage.Find("[data-testid=score-allow-line]").GetAttribute("y1"));
        Assert.Equal(Y(own.BlockBelow), strictPage.Find("[data-testid=score-block-line]").GetAttribute("y1"));
        Assert.Contains("allow at or above 0.85 (green), block below 0.3 (red), this project's policy", strictPage.Find("[data-testid=score-chart-policy]").TextContent, StringComparison.Ordinal);

        var plainPage = Render<SessionReview>(p => p.Add(r => r.ProjectId, plain).Add(r => r.SessionId, plainSession));
        plainPage.WaitForAssertion(() => Assert.NotNull(plainPage.Find("[data-testid=score-chart]")), TimeSpan.FromSeconds(20));
        Assert.Equal(Y(TrustPolicy.Default.AllowAtOrAbove), plainPage.Find("[data-testid=score-allow-line]").GetAttribute("y1"));
        Assert.Equal(Y(TrustPolicy.Default.BlockBelow), plainPage.Find("[data-testid=score-block-line]").GetAttribute("y1"));
        Assert.Contains("the default policy", plainPage.Find("[data-testid=score-chart-policy]").TextContent, StringComparison.Ordinal);
        Assert.NotEqual(Y(own.AllowAtOrAbove), Y(TrustPolicy.Default.AllowAtOrAbove));
    }

    /// <summary>The chart's 200-unit-high SVG: score 1 at 5, score 0 at 195.</summary>
    private static string Y(double score) => (195 - (score * 190)).ToString("0.#", CultureInfo.InvariantCulture);
}
