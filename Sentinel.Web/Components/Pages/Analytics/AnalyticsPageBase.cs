using Microsoft.AspNetCore.Components;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Projects;
using Sentinel.Web.Portal;

namespace Sentinel.Web.Components.Pages.Analytics;

/// <summary>
/// What the project, route and consumer dashboards share: the view held in the URL's query string and the project
/// named by the slug. Changing the view navigates to the new URL, so the browser's history and a reload follow it.
/// </summary>
public abstract class AnalyticsPageBase : ComponentBase
{
    [Parameter]
    public string Slug { get; set; } = "";

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeName { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "env")]
    public string? Env { get; set; }

    [SupplyParameterFromQuery(Name = "refresh")]
    public bool? Refresh { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PortalWork Work { get; set; } = default!;

    /// <summary>Null while loading; <see cref="ProjectMissing"/> when no project has this slug.</summary>
    protected Project? Project { get; private set; }

    protected bool ProjectMissing { get; private set; }

    protected AnalyticsView View => new(RangeName, From, To, string.IsNullOrEmpty(Env) ? null : Env, Refresh == true);

    /// <summary>The current view's query string, for links to the other analytics pages that keep it.</summary>
    protected string ViewQuery => new Uri(Navigation.Uri).Query;

    protected override async Task OnParametersSetAsync()
    {
        if (Project?.Slug != Slug)
        {
            var projects = await Work.RunAsync<ProjectService, List<Project>>(service => service.ListAsync(CancellationToken.None, includeArchived: true));
            Project = projects.FirstOrDefault(p => p.Slug == Slug);
            ProjectMissing = Project is null;
        }
    }

    protected void ChangeView(AnalyticsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(view.ToQuery()));
    }
}
