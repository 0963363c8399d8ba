using Sentinel.Domain.Analytics;

namespace Sentinel.Web.Components.Pages.Analytics;

/// <summary>
/// Everything a dashboard view shows besides the page itself, as its URL's query string carries it
/// (<c>?range=7d&amp;env=staging&amp;refresh=true</c>, or <c>range=custom&amp;from=…&amp;to=…</c>), so a reload or a
/// shared link opens the same view. Values are kept as written; <see cref="Resolve"/> says what is wrong with them.
/// </summary>
public sealed record AnalyticsView(string? Range, string? From, string? To, string? Environment, bool Refresh)
{
    public const string DefaultRange = "24h";

    /// <summary>How often an auto-refreshing view reloads.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    public static readonly AnalyticsView Default = new(DefaultRange, null, null, null, false);

    public string RangeName => string.IsNullOrEmpty(Range) ? (string.IsNullOrEmpty(From) ? DefaultRange : DashboardRange.Custom) : Range;

    /// <summary>The range at <paramref name="now"/>; null with the reason when the URL's values cannot be used.</summary>
    public DashboardRange? Resolve(DateTime now, out string? problem) => DashboardRange.Parse(Range, From, To, now, out problem);

    /// <summary>The query-string values of this view; defaults and unused values are null, so they leave the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery()
    {
        var custom = RangeName == DashboardRange.Custom;
        return new Dictionary<string, object?>
        {
            ["range"] = RangeName == DefaultRange ? null : RangeName,
            ["from"] = custom ? From : null,
            ["to"] = custom ? To : null,
            ["env"] = string.IsNullOrEmpty(Environment) ? null : Environment,
            ["refresh"] = Refresh ? "true" : null,
        };
    }

    /// <summary>The view over a custom range, as the URL writes it.</summary>
    public AnalyticsView WithCustom(DateTime from, DateTime to) =>
        this with { Range = DashboardRange.Custom, From = DashboardRange.Format(from), To = DashboardRange.Format(to) };

    /// <summary>The view over a preset range.</summary>
    public AnalyticsView WithPreset(string name) => this with { Range = name, From = null, To = null };
}
