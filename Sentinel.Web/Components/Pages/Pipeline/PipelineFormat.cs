using System.Globalization;

namespace Sentinel.Web.Components.Pages.Pipeline;

/// <summary>How the pipeline page writes its numbers: rates, ages and sizes, the same everywhere on the page.</summary>
internal static class PipelineFormat
{
    /// <summary>"–" before the first rate exists (two samples), "0/s" when idle, one decimal below 10, whole numbers above.</summary>
    public static string Rate(double? perSecond) => perSecond switch
    {
        null => "–",
        < 0.05 => "0/s",
        < 10 => perSecond.Value.ToString("0.0", CultureInfo.InvariantCulture) + "/s",
        _ => Math.Round(perSecond.Value).ToString("#,0", CultureInfo.InvariantCulture) + "/s",
    };

    /// <summary>Largest two units: "0 s", "42 s", "3 min 05 s", "2 h 07 min", "3 d 04 h".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min {age.Seconds:00} s"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h {age.Minutes:00} min"
            : $"{(int)age.TotalDays} d {age.Hours:00} h";
    }

    public static string Bytes(long bytes) =>
        bytes < 1024 ? $"{bytes} B"
        : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB"
        : (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);
}
