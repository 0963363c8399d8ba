using System.Globalization;
using System.Text;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rollups;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>
/// Brings the hourly rollups up to date (ADR 031): finds the closed hours whose raw rows changed since they were
/// rolled up (<see cref="HourFingerprint.Changed"/>), rebuilds them from deduplicated rows (FINAL over a few closed
/// hours) under a new version, then writes their state rows, which is the moment readers switch to them; rows of the
/// versions they replace are deleted afterwards. Rolling up twice gives the same rollups, so a re-delivered batch
/// counts once and a crash half-way only leaves unread rows that the next run replaces.
/// </summary>
internal sealed class ClickHouseRollups(ClickHouseStore store)
{
    /// <summary>Late events are accepted up to 7 days back; a day more for batches that wait in the queue.</summary>
    public static readonly TimeSpan LateWindow = TimeSpan.FromDays(8);

    /// <summary>Hours per rebuild statement: a first run over months of events goes a day at a time.</summary>
    public const int MaxHoursPerStatement = 24;

    public async Task<RollupRun> RollUpAsync(DateTime now, CancellationToken cancellationToken)
    {
        var nowUnix = UnixTime.Seconds(now);
        var closedBefore = nowUnix - (nowUnix % RollupPlan.HourSeconds);
        var lateFrom = closedBefore - (long)LateWindow.TotalSeconds;
        var current = WithEmptyHours(Fingerprints(await store.QueryJsonAsync(RollupSql.RawFingerprints(closedBefore, lateFrom), cancellationToken)));
        var recordedRows = await store.QueryJsonAsync(RollupSql.RecordedHours, cancellationToken);
        var recorded = Fingerprints(recordedRows);
        var changed = HourFingerprint.Changed(current, recorded, lateFrom);
        if (changed.Count == 0)
        {
            return new RollupRun(current.Count, 0, 0);
        }

        var lastVersion = recordedRows.Select(row => ULong(row, "version")).DefaultIfEmpty(0UL).Max();
        var version = Math.Max(lastVersion + 1, (ulong)new DateTimeOffset(now).ToUnixTimeMilliseconds());
        foreach (var (project, from, to) in HourFingerprint.Runs(changed, MaxHoursPerStatement))
        {
            foreach (var sql in RollupSql.Build(PipeTemplate.Quote(project), from, to, version))
            {
                await store.ExecuteSqlAsync(sql, cancellationToken);
            }
        }

        await store.ExecuteSqlAsync(StateRows(changed, current, version), cancellationToken);
        var superseded = changed.Where(recorded.ContainsKey).ToList();
        if (superseded.Count > 0)
        {
            foreach (var table in RollupSql.RollupTables)
            {
                await store.ExecuteSqlAsync(DeleteOldVersions(table, superseded, version), cancellationToken);
            }
        }

        await RollUpDaysAsync(changed, closedBefore, version, cancellationToken);
        return new RollupRun(current.Count, changed.Count, version);
    }

    /// <summary>
    /// Rebuilds the daily twins of the closed days holding a rebuilt hour, as the same version: a day is read only while its version is
    /// the newest of its hours' (<see cref="RollupPlan.WholeDays"/>), so a day built before one of its hours changed is never read.
    /// </summary>
    private async Task RollUpDaysAsync(IReadOnlyList<ProjectHour> changed, long closedBefore, ulong version, CancellationToken cancellationToken)
    {
        var days = changed
            .Select(h => new ProjectHour(h.ProjectId, h.Hour - (h.Hour % RollupPlan.DaySeconds)))
            .Distinct()
            .Where(d => d.Hour + RollupPlan.DaySeconds <= closedBefore)
            .ToList();
        if (days.Count == 0)
        {
            return;
        }

        var recorded = (await store.QueryJsonAsync(RollupSql.RecordedDays, cancellationToken))
            .Select(row => new ProjectHour(PipeDashboard.Text(row, "project_id"), PipeDashboard.Long(row, "day")))
            .ToHashSet();
        foreach (var sql in days.SelectMany(day => RollupSql.BuildDay(PipeTemplate.Quote(day.ProjectId), day.Hour, version)))
        {
            await store.ExecuteSqlAsync(sql, cancellationToken);
        }

        await store.ExecuteSqlAsync(
            $"INSERT INTO {RollupSql.Days} (project_id, day, version) VALUES "
                + string.Join(", ", days.Select(d => string.Create(CultureInfo.InvariantCulture, $"({PipeTemplate.Quote(d.ProjectId)}, '{DateTime.UnixEpoch.AddSeconds(d.Hour):yyyy-MM-dd HH:mm:ss}', {version})"))),
            cancellationToken);
        var superseded = days.Where(recorded.Contains).ToList();
        if (superseded.Count > 0)
        {
            foreach (var table in RollupSql.RollupTables)
            {
                await store.ExecuteSqlAsync(DeleteOldVersions(RollupSql.Daily(table), superseded, version), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Quiet hours between a project's first and last hour with events count as hours with no rows, so they are
    /// rolled up (as empty) too and a day with a quiet hour can still be read whole.
    /// </summary>
    private static Dictionary<ProjectHour, HourFingerprint> WithEmptyHours(Dictionary<ProjectHour, HourFingerprint> current)
    {
        foreach (var project in current.Keys.GroupBy(h => h.ProjectId).ToList())
        {
            var (first, last) = (project.Min(h => h.Hour), project.Max(h => h.Hour));
            for (var hour = first; hour < last; hour += RollupPlan.HourSeconds)
            {
                current.TryAdd(new ProjectHour(project.Key, hour), default);
            }
        }

        return current;
    }

    private static string StateRows(IReadOnlyList<ProjectHour> hours, IReadOnlyDictionary<ProjectHour, HourFingerprint> current, ulong version)
    {
        var sql = new StringBuilder($"INSERT INTO {RollupSql.Hours} (project_id, hour, version, raw_rows, raw_hash) VALUES ");
        sql.AppendJoin(", ", hours.Select(h =>
        {
            var fingerprint = current.GetValueOrDefault(h);
            return string.Create(CultureInfo.InvariantCulture,
                $"({PipeTemplate.Quote(h.ProjectId)}, '{DateTime.UnixEpoch.AddSeconds(h.Hour):yyyy-MM-dd HH:mm:ss}', {version}, {fingerprint.Rows}, {fingerprint.Hash})");
        }));
        return sql.ToString();
    }

    /// <summary>One mutation per table; the rows it removes are no longer read (their version is not current).</summary>
    private static string DeleteOldVersions(string table, IReadOnlyList<ProjectHour> hours, ulong version) =>
        string.Create(CultureInfo.InvariantCulture,
            $"ALTER TABLE {table} DELETE WHERE version < {version} AND ({string.Join(" OR ", hours.GroupBy(h => h.ProjectId).Select(g => $"(project_id = {PipeTemplate.Quote(g.Key)} AND toUInt32(hour) IN ({string.Join(", ", g.Select(h => h.Hour))}))"))})");

    private static Dictionary<ProjectHour, HourFingerprint> Fingerprints(IReadOnlyList<JsonElement> rows) =>
        rows.ToDictionary(
            row => new ProjectHour(PipeDashboard.Text(row, "project_id"), PipeDashboard.Long(row, "hour")),
            row => new HourFingerprint(ULong(row, "raw_rows"), ULong(row, "raw_hash")));

    private static ulong ULong(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? ulong.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetUInt64();
    }
}

/// <summary>What one rollup run did: closed hours with events, hours rebuilt, the version they were built as (0: none).</summary>
public sealed record RollupRun(int HoursWithEvents, int HoursRebuilt, ulong Version);
