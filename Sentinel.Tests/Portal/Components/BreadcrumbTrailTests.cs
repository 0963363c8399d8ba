using Sentinel.Web.Portal;

namespace Sentinel.Tests.Portal.Components;

/// <summary>Breadcrumbs after "Sentinel": "area / page" for drawer pages, "entry / page" (entry linked) below them.</summary>
public sealed class BreadcrumbTrailTests
{
    [Fact]
    public void Trail_OfADrawerPage_IsItsAreaThenItsTitle()
    {
        Assert.Equal([new PortalCrumb("Configure"), new PortalCrumb("Projects")], PortalNavigation.Trail("projects", "Projects"));
    }

    [Fact]
    public void Trail_OfTheOverview_IsOnlyItsTitle()
    {
        Assert.Equal([new PortalCrumb("Overview")], PortalNavigation.Trail("", "Overview"));
    }

    [Theory]
    [InlineData("projects/shop-api", "Projects", "projects")]
    [InlineData("projects/shop-api?tab=settings", "Projects", "projects")]
    [InlineData("analytics/shop-api?range=24h", "API analytics", "analytics")]
    [InlineData("projects/shop-api/analytics?range=24h", "API analytics", "analytics")]
    [InlineData("trust/review/6f1c2b1e-0000-4000-8000-000000000001/s-1", "Review queue", "trust/review")]
    public void Trail_OfAPageBelowAnEntry_LinksTheEntryThenNamesThePage(string path, string entry, string entryHref)
    {
        Assert.Equal([new PortalCrumb(entry, entryHref), new PortalCrumb("Shop API")], PortalNavigation.Trail(path, "Shop API"));
    }

    [Fact]
    public void Trail_WithThePagesOwnSteps_PutsThemBetweenTheEntryAndThePage()
    {
        var trail = PortalNavigation.Trail("analytics/shop-api/routes/GET/orders", "GET /orders", [new("Shop API", "analytics/shop-api?range=7d")]);

        Assert.Equal([new PortalCrumb("API analytics", "analytics"), new PortalCrumb("Shop API", "analytics/shop-api?range=7d"), new PortalCrumb("GET /orders")], trail);
    }

    [Fact]
    public void TheAnalyticsAlias_UnderAProject_BelongsToApiAnalytics()
    {
        Assert.Equal("analytics", PortalNavigation.ForPath("projects/shop-api/analytics")!.Href);
        Assert.Equal("projects", PortalNavigation.ForPath("projects/shop-api")!.Href);
        Assert.Equal("projects", PortalNavigation.ForPath("projects/analytics")!.Href);
    }
}
