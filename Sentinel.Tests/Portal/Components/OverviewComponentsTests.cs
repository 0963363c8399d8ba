using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Identity;
using Sentinel.Domain.Projects;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Tests.Support;
using Sentinel.Web.Components.Pages;
using Sentinel.Web.Components.Pages.Overview;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The overview: a project's card (totals, error rate, sparklines, blocked sessions), the sparkline's geometry, and the empty install.</summary>
public sealed class OverviewComponentsTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 25, 14, 37, 0, DateTimeKind.Utc);
    private static readonly Project Shop = new() { Id = Guid.NewGuid(), Name = "Shop API", Slug = "shop-api" };

    [Fact]
    public void TheQuery_CoversThe24WholeHoursUpToNow_ForEveryCard_AndEmptyHoursAreZeros()
    {
        var other = new Project { Id = Guid.NewGuid(), Name = "Other", Slug = "other" };
        var query = ProjectOverview.Query([Shop.Id, other.Id], Now);
        Assert.Equal(new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc), query.From);
        Assert.Equal(new DateTime(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc), query.To);
        Assert.Equal([Shop.Id, other.Id], query.ProjectIds);
        Assert.Null(query.Problem());

        var cards = ProjectOverview.Cards([Shop, other], query, [
            new ProjectTrafficBucket(Shop.Id, query.From, 10, 1, 0),
            new ProjectTrafficBucket(Shop.Id, query.From.AddHours(5), 7, 0, 2),
            new ProjectTrafficBucket(Shop.Id, query.To.AddHours(-1), 3, 0, 0),
            new ProjectTrafficBucket(Shop.Id, query.To, 99, 99, 99), // outside: the store never answers it, ignored if it did
            new ProjectTrafficBucket(other.Id, query.From.AddHours(2), 4, 4, 0),
        ], new Dictionary<Guid, int> { [other.Id] = 2 });

        var (shop, second) = (cards[0], cards[1]);
        Assert.Equal((Shop, other), (shop.Project, second.Project));
        Assert.Equal(24, shop.Requests.Length);
        Assert.Equal(20, shop.TotalRequests);
        Assert.Equal((10, 7, 3), (shop.Requests[0], shop.Requests[5], shop.Requests[23]));
        Assert.Equal((1, 2), (shop.Errors[0], shop.Errors[5]));
        Assert.Equal(3, shop.TotalErrors);
        Assert.Equal((4, 4, 4L), (second.TotalRequests, second.TotalErrors, second.Requests[2]));
        Assert.Equal((0, 2), (shop.BlockedToday, second.BlockedToday));
    }

    [Fact]
    public void TheQuery_ForTooManyProjects_OrNone_SaysWhy()
    {
        Assert.NotNull(ProjectOverview.Query([], Now).Problem());
        Assert.NotNull(ProjectOverview.Query(Enumerable.Range(0, TrafficOverviewQuery.MaxProjects + 1).Select(_ => Guid.NewGuid()).ToList(), Now).Problem());
    }

    [Fact]
    public void AProjectCard_ShowsTotals_TheErrorRate_AndSessionsBlockedToday()
    {
        var requests = Enumerable.Range(0, 24).Select(h => (long)(h * 10)).ToArray();
        var errors = Enumerable.Range(0, 24).Select(h => h == 20 ? 69L : 0L).ToArray();

        var card = Render<ProjectCard>(p => p.Add(c => c.Item, new ProjectOverview(Shop, requests, errors, BlockedToday: 3)));

        Assert.Equal("2,760", card.Find("[data-testid=project-requests]").TextContent);
        Assert.Equal("69", card.Find("[data-testid=project-errors]").TextContent);
        Assert.Contains("Errors · 2.5 %", card.Markup, StringComparison.Ordinal);
        Assert.Equal("3", card.Find("[data-testid=project-blocked]").TextContent);
        Assert.Contains("sessions blocked today", card.Markup, StringComparison.Ordinal);
        Assert.Contains("peak 230", card.Find("[data-testid=sparkline-requests] title").TextContent, StringComparison.Ordinal);
        Assert.Equal(24, card.Find("[data-testid=sparkline-requests] polyline").GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public void AProjectCard_WhenTheStoreIsDown_SaysSo_InsteadOfZeros()
    {
        var card = Render<ProjectCard>(p => p.Add(c => c.Item, new ProjectOverview(Shop, [], [], 0, "ClickHouse cannot be reached")));

        Assert.Contains("Traffic unavailable: ClickHouse cannot be reached", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=project-requests]"));
    }

    [Fact]
    public void TheSparkline_PutsThePeakAtTheTop_AndZerosOnTheBaseline()
    {
        var points = SparklineGeometry.Points([0, 5, 10], width: 100, height: 30).Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

        Assert.Equal([0, 29], points[0]);
        Assert.Equal([50, 15], points[1]);
        Assert.Equal([100, 1], points[2]);
        Assert.Equal("0,29 50,29 100,29", SparklineGeometry.Points([0, 0, 0], 100, 30));
        Assert.Equal("0,29 100,29", SparklineGeometry.Points([], 100, 30));
    }

    [Fact]
    public async Task AnEmptyInstall_OffersAnAdminTheDemoAndCreatingAProject_AndShowsTheStoresApart()
    {
        await using var app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(app.Services);
        AddAuthorization().SetAuthorized("admin@sentinel.test").SetRoles(Roles.Admin).SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-id"));

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("No projects yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=load-demo]"));
        Assert.Contains("Create a project", page.Markup, StringComparison.Ordinal);
        Assert.Equal("SQLite", page.Find("[data-testid=app-database]").TextContent);
        Assert.Equal("DuckDB (embedded)", page.Find("[data-testid=analytics-store]").TextContent);
        Assert.Equal("0 s", page.Find("[data-testid=queue-lag]").TextContent);
    }

    [Fact]
    public async Task TheOverview_ShowsEachProjectsOwnTraffic_FromOneQueryForAllCards()
    {
        await using var app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(app.Services);
        AddAuthorization().SetAuthorized("support@sentinel.test").SetRoles(Roles.Support);
        var busy = await app.CreateProjectAsync("Busy shop");
        var quiet = await app.CreateProjectAsync("Quiet shop");
        var idle = await app.CreateProjectAsync("Idle shop");
        var start = DateTime.UtcNow.AddHours(-3);
        var busyEvents = TestEvents.AsStored(TestEvents.Generate(120, seed: 21, start), busy.Id);
        var quietEvents = TestEvents.AsStored(TestEvents.Generate(15, seed: 22, start), quiet.Id);
        var store = app.Services.GetRequiredService<IAnalyticsStore>();
        await store.WriteAsync([.. busyEvents, .. quietEvents], CancellationToken.None);

        var page = Render<Home>();

        string Count(Project p, string what) => page.Find($"[data-testid=project-card-{p.Slug}] [data-testid={what}]").TextContent;
        page.WaitForAssertion(() => Assert.Equal("120", Count(busy, "project-requests")), TimeSpan.FromSeconds(20));
        Assert.Equal(busyEvents.Count(e => e.Status >= 400).ToString("#,0", CultureInfo.InvariantCulture), Count(busy, "project-errors"));
        Assert.Equal("15", Count(quiet, "project-requests"));
        Assert.Equal(quietEvents.Count(e => e.Status >= 400).ToString("#,0", CultureInfo.InvariantCulture), Count(quiet, "project-errors"));
        Assert.Equal("0", Count(idle, "project-requests"));
    }

    [Fact]
    public async Task SupportOnAnEmptyInstall_IsToldToAskAnAdmin_AndGetsNoDemoButton()
    {
        await using var app = SentinelApp.Embedded().Start();
        Services.AddFallbackServiceProvider(app.Services);
        AddAuthorization().SetAuthorized("support@sentinel.test").SetRoles(Roles.Support);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("Ask an admin", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=load-demo]"));
    }
}
