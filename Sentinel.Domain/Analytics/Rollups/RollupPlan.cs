namespace Sentinel.Domain.Analytics.Rollups;

/// <summary>
/// How a long view reads a store with hourly rollups (ADR 031): the rolled-up hours that lie wholly inside one of the
/// view's periods ([TotalsFrom, From) for the comparison, [From, To)), and raw-event intervals for everything else (the
/// partial first and last hours, the hour holding From, and hours not rolled up or stale). Together they cover
/// [TotalsFrom, To) exactly once, so every event is counted once whichever source it comes from.
/// </summary>
public sealed record RollupPlan(IReadOnlyList<long> Hours, IReadOnlyList<(long From, long To)> Raw)
{
    public const long HourSeconds = 3600;
    public const long DaySeconds = 86_400;

    /// <summary>
    /// The plan for the period(s) bounded by <paramref name="boundaries"/> (ascending Unix seconds: e.g. totals-from,
    /// from, to), given the hours (starts, Unix seconds) whose rollup is current.
    /// </summary>
    public static RollupPlan Of(IReadOnlyList<long> boundaries, IEnumerable<long> rolledHours)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.Count < 2 || boundaries.Zip(boundaries.Skip(1)).Any(pair => pair.First > pair.Second))
        {
            throw new ArgumentException("Boundaries must be at least two ascending instants.", nameof(boundaries));
        }

        var (start, end) = (boundaries[0], boundaries[^1]);
        var usable = rolledHours
            .Where(hour => hour % HourSeconds == 0 && hour >= start && hour + HourSeconds <= end
                && !boundaries.Any(b => b > hour && b < hour + HourSeconds))
            .Distinct()
            .Order()
            .ToList();

        var raw = new List<(long From, long To)>();
        var cursor = start;
        foreach (var hour in usable)
        {
            if (hour > cursor)
            {
                raw.Add((cursor, hour));
            }

            cursor = hour + HourSeconds;
        }

        if (end > cursor)
        {
            raw.Add((cursor, end));
        }

        return new RollupPlan(usable, raw);
    }

    /// <summary>
    /// The days (UTC, Unix seconds) a daily rollup may stand in for: all 24 of their hours are in this plan, and the
    /// day was built (as <paramref name="dayVersions"/>) from the hours' current versions, i.e. no hour of it has been
    /// rebuilt since (its version is the newest of its hours').
    /// </summary>
    public IReadOnlyList<long> WholeDays(IReadOnlyDictionary<long, ulong> dayVersions, IReadOnlyDictionary<long, ulong> hourVersions)
    {
        ArgumentNullException.ThrowIfNull(dayVersions);
        ArgumentNullException.ThrowIfNull(hourVersions);
        var hours = Hours.ToHashSet();
        return [.. dayVersions
            .Where(day => day.Key % DaySeconds == 0
                && Enumerable.Range(0, 24).All(i => hours.Contains(day.Key + (i * HourSeconds)))
                && Enumerable.Range(0, 24).Max(i => hourVersions.GetValueOrDefault(day.Key + (i * HourSeconds))) == day.Value)
            .Select(day => day.Key)
            .Order()];
    }

    /// <summary>The part of this plan inside [from, to), where from and to were boundaries of the plan.</summary>
    public RollupPlan Within(long from, long to) => new(
        Hours.Where(hour => hour >= from && hour + HourSeconds <= to).ToList(),
        Raw.Select(r => (Math.Max(r.From, from), Math.Min(r.To, to))).Where(r => r.Item1 < r.Item2).ToList());
}
