using System.Security.Claims;
using MudBlazor;
using Sentinel.Domain.Identity;

namespace Sentinel.Web.Portal;

/// <summary>
/// One entry of the portal's navigation drawer. <paramref name="Href"/> is relative to the base path ("" is the
/// overview); <paramref name="Role"/> null means every signed-in person; <paramref name="External"/> entries are not
/// Blazor pages (the Hangfire dashboard, the API reference) and open in a new tab, outside the circuit.
/// </summary>
internal sealed record PortalNavEntry(string Title, string Href, string Icon, string Area, string? Role = null, bool External = false);

/// <summary>
/// The portal's navigation, in drawer order, grouped by area. A new page is one .razor file plus one line here:
/// the drawer, its role filter and the page's breadcrumbs all read this list.
/// </summary>
internal static class PortalNavigation
{
    public static readonly IReadOnlyList<PortalNavEntry> Entries =
    [
        new("Overview", "", Icons.Material.Outlined.SpaceDashboard, "Monitor"),
        new("API analytics", "analytics", Icons.Material.Outlined.Insights, "Monitor"),
        new("Pipeline", "pipeline", Icons.Material.Outlined.Timeline, "Monitor", Roles.Admin),
        new("Live sessions", "trust/live", Icons.Material.Outlined.Sensors, "Trust"),
        new("Review queue", "trust/review", Icons.Material.Outlined.FactCheck, "Trust"),
        new("Projects", "projects", Icons.Material.Outlined.FolderOpen, "Configure", Roles.Admin),
        new("Team", "team", Icons.Material.Outlined.Group, "Administer", Roles.Admin),
        new("Audit log", "audit", Icons.Material.Outlined.ManageSearch, "Administer", Roles.Admin),
        new("Jobs", "admin/jobs", Icons.Material.Outlined.Schedule, "Administer", Roles.Admin, External: true),
        new("API reference", "scalar/v1", Icons.Material.Outlined.Api, "Develop", External: true),
    ];

    /// <summary>The entries this person may open, grouped by area in drawer order.</summary>
    public static IEnumerable<IGrouping<string, PortalNavEntry>> VisibleTo(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Entries.Where(e => e.Role is null || user.IsInRole(e.Role)).GroupBy(e => e.Area);
    }

    /// <summary>The entry of a base-relative path ("projects/x" belongs to "projects"), or null.</summary>
    public static PortalNavEntry? ForPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = Canonical(relativePath.Split('?', '#')[0].Trim('/'));
        return Entries
            .Where(e => !e.External && (e.Href.Length == 0 ? path.Length == 0 : path == e.Href || path.StartsWith(e.Href + "/", StringComparison.Ordinal)))
            .MaxBy(e => e.Href.Length);
    }

    /// <summary>
    /// The breadcrumbs after "Sentinel" for a page titled <paramref name="title"/> at a base-relative path. A page of the
    /// drawer reads "area / title"; a page below one ("projects/shop") reads "entry / title" with the entry as a link,
    /// and <paramref name="pageTrail"/> adds the steps a deeper page has in between (the project above a route page).
    /// </summary>
    public static IReadOnlyList<PortalCrumb> Trail(string relativePath, string title, IReadOnlyList<PortalCrumb>? pageTrail = null)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var entry = ForPath(relativePath);
        var path = Canonical(relativePath.Split('?', '#')[0].Trim('/'));
        var trail = new List<PortalCrumb>();
        if (entry is not null && entry.Href.Length > 0)
        {
            trail.Add(path == entry.Href ? new(entry.Area) : new(entry.Title, entry.Href));
        }

        trail.AddRange(pageTrail ?? []);
        trail.Add(new(title));
        return trail;
    }

    /// <summary>
    /// A page's own address for a second address it also answers at: "projects/{slug}/analytics" (a link from the project
    /// page) is the project's dashboard, "analytics/{slug}", and belongs to API analytics, not to Projects.
    /// </summary>
    private static string Canonical(string path)
    {
        var parts = path.Split('/');
        return parts is ["projects", var slug, "analytics", ..] ? string.Join('/', ["analytics", slug, .. parts[3..]]) : path;
    }
}
