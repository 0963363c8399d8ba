using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Analytics;
using Sentinel.Tests.Portal.Components;
using Sentinel.Web.Components.Pages.Analytics;

namespace Sentinel.Tests.Analytics.Portal;

/// <summary>The range picker, environment and auto-refresh: each change is a new view, and a view survives its URL.</summary>
public sealed class DashboardFiltersTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 30, 15, DateTimeKind.Utc);

    public DashboardFiltersTests() => Services.AddSingleton<TimeProvider>(new FixedTime(Now));

    [Fact]
    public void ClickingAPreset_ChangesOnlyTheRange_KeepingEnvironmentAndRefresh()
    {
        var changed = new List<AnalyticsView>();
        var start = new AnalyticsView("24h", null, null, "staging", true);
        var filters = Render<DashboardFilters>(p => p.Add(f => f.View, start).Add(f => f.ViewChanged, v => changed.Add(v)).Add(f => f.Environments, ["production", "staging"]));

        filters.Find("[data-testid=range-7d]").Click();

        Assert.Equal(start with { Range = "7d" }, Assert.Single(changed));
        Assert.Contains("mud-button-filled", filters.Find("[data-testid=range-24h]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomRange_IsAppliedAsUtc_AndABackwardsOneIsRefusedInPlace()
    {
        var changed = new List<AnalyticsView>();
        var filters = Render<DashboardFilters>(p => p.Add(f => f.View, AnalyticsView.Default).Add(f => f.ViewChanged, v => changed.Add(v)));

        filters.Find("[data-testid=range-custom]").Click();
        // The form opens on the range shown now: the last 24 hours.
        Assert.Equal("2026-11-24T12:30", Input(filters, "custom-from").GetAttribute("value"));
        Input(filters, "custom-from").Change("2026-11-20T10:00");
        Input(filters, "custom-to").Change("2026-11-20T09:00");
        filters.Find("[data-testid=custom-apply]").Click();
        // The message renders after the click's handler has run; on a loaded machine that can be after Click returns.
        filters.WaitForAssertion(
            () => Assert.Contains("must be after", filters.Find("[data-testid=custom-problem]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Empty(changed);

        Input(filters, "custom-to").Change("2026-11-21T09:00");
        filters.Find("[data-testid=custom-apply]").Click();

        filters.WaitForAssertion(() => Assert.Single(changed), TimeSpan.FromSeconds(10));
        var view = Assert.Single(changed);
        Assert.Equal(new AnalyticsView("custom", "2026-11-20T10:00:00Z", "2026-11-21T09:00:00Z", null, false), view);
        var range = view.Resolve(Now, out var problem);
        Assert.Null(problem);
        Assert.Equal((new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc)), (range!.From, range.To));
        Assert.Equal(900, range.BucketSeconds);
    }

    [Fact]
    public void TheAutoRefreshSwitch_TurnsRefreshOn()
    {
        var changed = new List<AnalyticsView>();
        var filters = Render<DashboardFilters>(p => p.Add(f => f.View, AnalyticsView.Default).Add(f => f.ViewChanged, v => changed.Add(v)));

        Input(filters, "auto-refresh").Change(true);

        Assert.True(Assert.Single(changed).Refresh);
    }

    /// <summary>The input of a MudBlazor field, whether the test id landed on the input or on its wrapper.</summary>
    private static AngleSharp.Dom.IElement Input(IRenderedComponent<DashboardFilters> filters, string testId) =>
        filters.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    [Theory]
    [InlineData("7d", null, null, "staging", true)]
    [InlineData("custom", "2026-11-20T10:00:00Z", "2026-11-21T09:00:00Z", "prod-eu.1", false)]
    [InlineData("24h", null, null, null, false)]
    public void AView_WrittenToTheUrl_ReadsBackTheSame(string range, string? from, string? to, string? environment, bool refresh)
    {
        var view = new AnalyticsView(range, from, to, environment, refresh);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var url = navigation.GetUriWithQueryParameters(navigation.BaseUri + "analytics/shop?range=30d&env=old", view.ToQuery());
        var query = QueryHelpers.ParseQuery(new Uri(url).Query);
        string? Value(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var read = new AnalyticsView(Value("range"), Value("from"), Value("to"), Value("env"), Value("refresh") == "true");

        Assert.Equal(view.RangeName, read.RangeName);
        Assert.Equal(view.Resolve(Now, out _), read.Resolve(Now, out _));
        Assert.Equal((view.Environment, view.Refresh), (read.Environment, read.Refresh));
        // The default range is left out of the URL rather than written.
        Assert.Equal(range == AnalyticsView.DefaultRange, Value("range") is null);
    }
}
