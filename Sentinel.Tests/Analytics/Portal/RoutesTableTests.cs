using Bunit;
using Sentinel.Domain.Analytics;
using Sentinel.Tests.Portal.Components;
using Sentinel.Web.Components.Pages.Analytics;

namespace Sentinel.Tests.Analytics.Portal;

/// <summary>The route tables mark their percentile columns as estimates on long views, as the KPI cards do (ADR 031).</summary>
public sealed class RoutesTableTests : PortalComponentTest
{
    private static readonly RouteStats[] Rows = [new("GET", "/orders", 120, 3, 1, 20, 80, 200, 512, 2048)];

    [Theory]
    [InlineData("30d", RoutesTable.Columns.Slowest, "Route|≈ p50|≈ p95|≈ p99|Requests")]
    [InlineData("7d", RoutesTable.Columns.Busiest, "Route|Requests|4xx|5xx|≈ p95")]
    [InlineData("24h", RoutesTable.Columns.Slowest, "Route|p50|p95|p99|Requests")]
    [InlineData("1h", RoutesTable.Columns.Busiest, "Route|Requests|4xx|5xx|p95")]
    public void PercentileHeaders_CarryTheEstimateMark_OnlyOnLongViews(string preset, RoutesTable.Columns kind, string headers)
    {
        var estimated = DashboardRange.Preset(preset, DateTime.UtcNow).EstimatesLatency;

        var table = Render<RoutesTable>(p => p
            .Add(c => c.Title, "Routes").Add(c => c.Kind, kind).Add(c => c.Rows, Rows).Add(c => c.Slug, "shop")
            .Add(c => c.Estimated, estimated));

        Assert.Equal(headers, string.Join("|", table.FindAll("th").Select(th => th.TextContent.Trim())));
        Assert.Equal(estimated, table.FindAll("th[title]").Any(th => th.GetAttribute("title") == "estimate, within 1%"));
        Assert.Equal("80 ms", table.FindAll("td.num")[kind == RoutesTable.Columns.Slowest ? 1 : 3].TextContent.Trim());
    }
}
