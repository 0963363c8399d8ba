using Bunit;
using Sentinel.Domain.Identity;
using Sentinel.Web.Components.Layout;
using Sentinel.Web.Portal;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The drawer lists PortalNavigation's entries for the person's role, grouped by area.</summary>
public sealed class NavMenuTests : PortalComponentTest
{
    [Fact]
    public void Support_SeesOnlyTheEntriesWithoutARole()
    {
        AddAuthorization().SetAuthorized("support@sentinel.test").SetRoles(Roles.Support);

        var menu = Render<NavMenu>();

        var hrefs = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(PortalNavigation.Entries.Where(e => e.Role is null).Select(e => e.Href), hrefs);
        Assert.DoesNotContain("Administer", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_SeesEveryEntry_UnderItsArea_AndExternalOnesOpenANewTab()
    {
        AddAuthorization().SetAuthorized("admin@sentinel.test").SetRoles(Roles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(PortalNavigation.Entries.Select(e => e.Href), menu.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(PortalNavigation.Entries.Select(e => e.Area).Distinct(), menu.FindAll(".nav-area").Select(a => a.TextContent.Trim()));
        Assert.Equal("_blank", menu.Find("a[href='admin/jobs']").GetAttribute("target"));
        Assert.Null(menu.Find("a[href=projects]").GetAttribute("target"));
    }

    [Fact]
    public void SignedOut_SeesNoEntries()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }
}
