using System.Globalization;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// The time range a dashboard shows: a preset ending now ("1h", "24h", "7d", "30d") or a custom [From, To). Its bucket
/// width is chosen from round widths so a chart has at most <see cref="MaxPoints"/> points: 1 h in 30 s buckets,
/// 24 h in 15 min, 7 d in 1 h, 30 d in 6 h. The portal and the dashboard benchmark both build their queries here.
/// </summary>
public sealed record DashboardRange(string Name, DateTime From, DateTime To)
{
    public const string Custom = "custom";
    public const int MaxPoints = 200;

    /// <summary>The longest custom range: past it even week-wide buckets would exceed <see cref="DashboardQuery.MaxBuckets"/> soon, and no retention keeps more.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(3650);

    public static readonly IReadOnlyList<(string Name, TimeSpan Length, string Label)> Presets =
    [
        ("1h", TimeSpan.FromHours(1), "Last hour"),
        ("24h", TimeSpan.FromHours(24), "Last 24 hours"),
        ("7d", TimeSpan.FromDays(7), "Last 7 days"),
        ("30d", TimeSpan.FromDays(30), "Last 30 days"),
    ];

    private static readonly int[] BucketWidths = [10, 30, 60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800];

    public TimeSpan Length => To - From;

    public bool IsCustom => Name == Custom;

    /// <summary>The range's latency percentiles are estimates within 1% (<see cref="DashboardQuery.EstimatesLatency"/>, ADR 031).</summary>
    public bool EstimatesLatency => Length >= DashboardQuery.LongView;

    /// <summary>The narrowest round width that keeps the chart within <see cref="MaxPoints"/> points.</summary>
    public int BucketSeconds
    {
        get
        {
            var seconds = Math.Max(1, (long)Length.TotalSeconds);
            return BucketWidths.FirstOrDefault(width => seconds / width <= MaxPoints, BucketWidths[^1]);
        }
    }

    /// <summary>A preset ending at <paramref name="now"/> (whole seconds).</summary>
    public static DashboardRange Preset(string name, DateTime now)
    {
        var preset = Presets.FirstOrDefault(p => p.Name == name);
        if (preset.Name is null)
        {
            throw new ArgumentException($"Unknown range '{name}'.", nameof(name));
        }

        var to = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return new DashboardRange(name, to - preset.Length, to);
    }

    /// <summary>
    /// The range a URL asks for: a preset name, or "custom" with ISO 8601 UTC <paramref name="from"/> and
    /// <paramref name="to"/>. Null with the reason when it cannot be used; no range at all is the last 24 hours.
    /// </summary>
    public static DashboardRange? Parse(string? range, string? from, string? to, DateTime now, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(range) && string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            return Preset("24h", now);
        }

        if (!string.IsNullOrEmpty(range) && range != Custom)
        {
            if (Presets.Any(p => p.Name == range))
            {
                return Preset(range, now);
            }

            problem = $"range: '{range}' is not one of {string.Join(", ", Presets.Select(p => p.Name))} or {Custom}.";
            return null;
        }

        if (!TryParseUtc(from, out var start) || !TryParseUtc(to, out var end))
        {
            problem = "from/to: a custom range needs both, as UTC date-times such as 2026-11-20T09:00:00Z.";
            return null;
        }

        if (end <= start)
        {
            problem = "to: must be after 'from'.";
            return null;
        }

        if (end - start > MaxLength)
        {
            problem = $"from/to: a range may span at most {MaxLength.TotalDays:F0} days.";
            return null;
        }

        return new DashboardRange(Custom, start, end);
    }

    /// <summary>The query of a whole dashboard over this range, compared with the period before it.</summary>
    public DashboardQuery Query(Guid projectId, string? environment) =>
        new(projectId, environment, From, To, BucketSeconds) { ComparePrevious = true };

    /// <summary>ISO 8601 UTC to the second, as the URL carries custom ranges.</summary>
    public static string Format(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static bool TryParseUtc(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            || parsed.Year < 2000 || parsed.Year > 9000)
        {
            return false;
        }

        value = new DateTime(parsed.Ticks - (parsed.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return true;
    }
}
