namespace Sentinel.Domain.Analytics.Rollups;

/// <summary>One project's hour (start, Unix seconds).</summary>
public readonly record struct ProjectHour(string ProjectId, long Hour);

/// <summary>
/// What an hour's raw rows looked like: their count and a sum of their ids' hashes. A rollup records the fingerprint
/// its hour had when it was built; an hour is rebuilt when the fingerprint changes (ADR 031).
/// </summary>
public readonly record struct HourFingerprint(ulong Rows, ulong Hash)
{
    /// <summary>
    /// The hours to rebuild: hours with rows and no rollup, hours whose count changed (late events, retention, a
    /// merge dropping a duplicate), hours at or after <paramref name="lateFrom"/> whose hash changed (an insert and a
    /// merge can cancel out in the count; older hours take no inserts, and their hash is not computed), and rolled-up
    /// hours that have no rows any more (retention) unless their rollup is already empty.
    /// </summary>
    public static IReadOnlyList<ProjectHour> Changed(
        IReadOnlyDictionary<ProjectHour, HourFingerprint> current,
        IReadOnlyDictionary<ProjectHour, HourFingerprint> recorded,
        long lateFrom)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(recorded);
        var changed = current
            .Where(c => !recorded.TryGetValue(c.Key, out var r) || r.Rows != c.Value.Rows || (c.Key.Hour >= lateFrom && r.Hash != c.Value.Hash))
            .Select(c => c.Key)
            .Concat(recorded.Where(r => r.Value.Rows != 0 && !current.ContainsKey(r.Key)).Select(r => r.Key));
        return [.. changed.OrderBy(h => h.ProjectId, StringComparer.Ordinal).ThenBy(h => h.Hour)];
    }

    /// <summary>Consecutive hours of one project as [from, to) runs of at most <paramref name="maxHours"/> hours.</summary>
    public static IEnumerable<(string ProjectId, long From, long To)> Runs(IEnumerable<ProjectHour> hours, int maxHours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        (string ProjectId, long From, long To)? run = null;
        foreach (var hour in hours.Distinct().OrderBy(h => h.ProjectId, StringComparer.Ordinal).ThenBy(h => h.Hour))
        {
            if (run is { } r && r.ProjectId == hour.ProjectId && r.To == hour.Hour && (r.To - r.From) / RollupPlan.HourSeconds < maxHours)
            {
                run = (r.ProjectId, r.From, hour.Hour + RollupPlan.HourSeconds);
                continue;
            }

            if (run is { } done)
            {
                yield return done;
            }

            run = (hour.ProjectId, hour.Hour, hour.Hour + RollupPlan.HourSeconds);
        }

        if (run is { } last)
        {
            yield return last;
        }
    }
}
