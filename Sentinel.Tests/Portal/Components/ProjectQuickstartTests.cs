using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Tests.Support;
using Sentinel.Web.Components.Pages.Projects;
using Sentinel.Web.Portal;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The quickstart's address: Portal:PublicBaseUrl when an operator sets it (behind a proxy), in every snippet.</summary>
public sealed class ProjectQuickstartTests : PortalComponentTest
{
    private SentinelApp _app = null!;

    public override Task InitializeAsync()
    {
        _app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "https://sentinel.example.com/" }).Start();
        Services.AddFallbackServiceProvider(_app.Services);
        // MudBlazor's services register IOptions<> in bUnit's own container; take the host's bound settings instead.
        Services.AddSingleton(_app.Services.GetRequiredService<IOptions<PortalOptions>>());
        return Task.CompletedTask;
    }

    protected override async Task DisposeTestAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EverySnippet_UsesTheConfiguredPublicAddress()
    {
        var project = await _app.CreateProjectAsync("Shop API");

        var page = Render<ProjectQuickstart>(p => p.Add(q => q.Project, project));

        Assert.Equal("https://sentinel.example.com", page.Find("[data-testid=quickstart-endpoint]").TextContent);
        Assert.Contains("https://sentinel.example.com/v1/events/batch", page.Find("[data-testid=snippet-code-curl]").TextContent, StringComparison.Ordinal);
        Assert.Contains("endpoint: 'https://sentinel.example.com'", page.Find("[data-testid=snippet-code-node]").TextContent, StringComparison.Ordinal);
        Assert.Contains("new Uri(\"https://sentinel.example.com\")", page.Find("[data-testid=snippet-code-dotnet]").TextContent, StringComparison.Ordinal);
        Assert.Contains("src=\"https://sentinel.example.com/v1/collector/", page.Find("[data-testid=snippet-code-collector]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicAddressThatIsNotHttp_StopsTheHostAtStart_NamingTheSetting()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "sentinel.example.com" });

        var failure = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("Portal:PublicBaseUrl", failure.ToString(), StringComparison.Ordinal);
    }
}
