using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Identity;
using Sentinel.Tests.Support;
using ProjectsPage = Sentinel.Web.Components.Pages.Admin.Projects;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The Projects page against the real services of an embedded host (SQLite), without a browser.</summary>
public sealed class ProjectsPageTests : PortalComponentTest
{
    private SentinelApp _app = null!;

    public override Task InitializeAsync()
    {
        _app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(_app.Services);
        AddAuthorization().SetAuthorized("admin@sentinel.test").SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-id"));
        return Task.CompletedTask;
    }

    protected override async Task DisposeTestAsync() => await _app.DisposeAsync();

    [Fact]
    public void WithoutProjects_TheEmptyStateSaysWhatToDo()
    {
        var page = Render<ProjectsPage>();

        page.WaitForAssertion(() => Assert.Contains("No active projects", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Create the first project", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingAProject_ThroughTheDialog_ListsIt_AndAuditsTheSignedInAdmin()
    {
        var page = Render(PageWithDialogs);

        page.WaitForElement("[data-testid=new-project]").Click();
        page.WaitForElement("[data-testid=name-input]").Input("Shop API");
        page.Find("[data-testid=name-save]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".project-name"), cell => cell.TextContent == "Shop API"));
        var entry = Assert.Single(await _app.AuditAsync(AuditActions.ProjectCreated, "Shop API"));
        Assert.Equal("admin-id", entry.ActorUserId);
        Assert.Equal("admin@sentinel.test", entry.Actor);
    }

    [Fact]
    public async Task EachProject_HasAnAnalyticsAction_ThatOpensItsDashboard()
    {
        var project = await _app.CreateProjectAsync("Checkout API");

        var page = Render<ProjectsPage>();

        var link = page.WaitForElement($"[data-testid=project-analytics-{project.Slug}]");
        Assert.Equal($"analytics/{project.Slug}", link.GetAttribute("href"));
    }

    private static void PageWithDialogs(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudDialogProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<ProjectsPage>(1);
        builder.CloseComponent();
    }
}
