using Bunit;
using Sentinel.Domain.Analytics;
using Sentinel.Tests.Portal.Components;
using Sentinel.Web.Components.Pages.Analytics;

namespace Sentinel.Tests.Analytics.Portal;

/// <summary>The KPI cards against the previous period: relative changes, points for rates, green only for good news.</summary>
public sealed class KpiCardsTests : PortalComponentTest
{
    [Fact]
    public void Changes_AreComputedAgainstThePreviousPeriod_AndColouredByWhetherTheyAreGoodNews()
    {
        // 1000 requests (2% errors, p95 80 ms, 40 consumers) against 800 (1.25% errors, p95 100 ms, 40 consumers).
        var current = new DashboardTotals(1000, 15, 5, 0, 0, 20, 80, 200, 40);
        var previous = new DashboardTotals(800, 8, 2, 0, 0, 20, 100, 150, 40);

        var cards = Render<KpiCards>(p => p.Add(c => c.Current, current).Add(c => c.Previous, previous));

        AssertChange(cards, "kpi-requests", "+25%", "mud-success-text");
        AssertChange(cards, "kpi-errors", "+0.8 pp", "mud-error-text");
        AssertChange(cards, "kpi-p50", "±0%", null);
        AssertChange(cards, "kpi-p95", "−20%", "mud-success-text");
        AssertChange(cards, "kpi-p99", "+33.3%", "mud-error-text");
        AssertChange(cards, "kpi-consumers", "±0%", null);
        Assert.Equal("2%", cards.Find("[data-testid=kpi-errors-value]").TextContent.Trim());
        Assert.Contains("4xx 1.5% · 5xx 0.5%", cards.Find("[data-testid=kpi-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void APreviousPeriodWithoutRequests_HasNoChangeToShow_RatherThanInfinity()
    {
        var current = new DashboardTotals(10, 1, 0, 0, 0, 20, 80, 200, 3);

        var cards = Render<KpiCards>(p => p.Add(c => c.Current, current).Add(c => c.Previous, DashboardTotals.Empty));

        foreach (var kpi in new[] { "kpi-requests", "kpi-errors", "kpi-p50", "kpi-p95", "kpi-p99", "kpi-consumers" })
        {
            Assert.Equal("no previous data", cards.Find($"[data-testid={kpi}-change]").TextContent.Trim());
        }
    }

    [Fact]
    public void AnEmptyPeriod_ShowsNoLatency_InsteadOfZeroMilliseconds()
    {
        var cards = Render<KpiCards>(p => p.Add(c => c.Current, DashboardTotals.Empty).Add(c => c.Previous, new DashboardTotals(5, 0, 0, 0, 0, 10, 20, 30, 1)));

        Assert.Equal("–", cards.Find("[data-testid=kpi-p95-value]").TextContent.Trim());
        Assert.Equal("−100%", cards.Find("[data-testid=kpi-requests-change]").TextContent.Trim());
        Assert.Equal("no previous data", cards.Find("[data-testid=kpi-errors-change]").TextContent.Trim());
    }

    [Fact]
    public void LongRangePercentiles_AreMarkedAsEstimates_AndNothingElseIs()
    {
        var current = new DashboardTotals(1000, 15, 5, 0, 0, 20, 80, 200, 40);

        var estimated = Render<KpiCards>(p => p.Add(c => c.Current, current).Add(c => c.Estimated, DashboardRange.Preset("30d", DateTime.UtcNow).EstimatesLatency));
        var exact = Render<KpiCards>(p => p.Add(c => c.Current, current).Add(c => c.Estimated, DashboardRange.Preset("24h", DateTime.UtcNow).EstimatesLatency));

        Assert.Equal("≈ 80 ms", estimated.Find("[data-testid=kpi-p95-value]").TextContent.Trim());
        Assert.Contains("estimate, within 1%", estimated.Find("[data-testid=kpi-p99]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("≈", estimated.Find("[data-testid=kpi-requests]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("≈", exact.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("estimate", exact.Markup, StringComparison.Ordinal);
    }

    private static void AssertChange(IRenderedComponent<KpiCards> cards, string kpi, string text, string? colour)
    {
        var change = cards.Find($"[data-testid={kpi}-change]");
        Assert.Equal(text, change.TextContent.Trim());
        if (colour is null)
        {
            Assert.DoesNotContain("mud-success-text", change.ClassName, StringComparison.Ordinal);
            Assert.DoesNotContain("mud-error-text", change.ClassName, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(colour, change.ClassName, StringComparison.Ordinal);
        }
    }
}
