using System.Globalization;

namespace Sentinel.Web.Components.Pages.Analytics;

/// <summary>How the dashboard writes its numbers: short counts, latencies in ms or s, sizes in B/KB/MB, rates in %.</summary>
public static class AnalyticsFormat
{
    public static string Count(double value) => value switch
    {
        >= 1_000_000_000 => (value / 1_000_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    public static string Milliseconds(double value) => value switch
    {
        >= 10_000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " s",
        >= 1000 => (value / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Bytes(double value) => value switch
    {
        >= 1024 * 1024 => (value / (1024 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (value / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => value.ToString("0", CultureInfo.InvariantCulture) + " B",
    };

    public static string Percent(double rate) =>
        (rate * 100).ToString(rate is > 0 and < 0.001 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A bucket's start on a chart axis: time of day for ranges up to a day, else the date too.</summary>
    public static string BucketLabel(DateTime start, TimeSpan range) =>
        start.ToString(range <= TimeSpan.FromDays(1) ? "HH:mm" : range <= TimeSpan.FromDays(14) ? "MMM d HH:mm" : "MMM d", CultureInfo.InvariantCulture);

    public static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
