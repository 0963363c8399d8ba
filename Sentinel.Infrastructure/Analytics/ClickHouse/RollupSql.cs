using System.Globalization;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>
/// The hourly rollup tables of the self-hosted ClickHouse store (ADR 031) and the statements that rebuild an hour.
/// Every rollup row carries the <c>version</c> of the run that built it; <c>api_rollup_hours</c> (ReplacingMergeTree
/// on that version) says which version of an hour is current, and readers take only rows of current versions. So a
/// rebuilt hour replaces its old rows at once when its state row is written, rows left by an old version (a route
/// gone after a retention delete) are never read, and no FINAL is needed on the rollups. SQL that ClickHouse 18.16 runs.
/// </summary>
internal static class RollupSql
{
    public const string Hours = "api_rollup_hours";
    public const string Requests = "api_rollup_requests";
    public const string RouteLatency = "api_rollup_latency";
    public const string Latency = "api_rollup_latency_env";
    public const string Consumers = "api_rollup_consumers";
    public const string Days = "api_rollup_days";

    /// <summary>The latency bucket of a raw row, as <see cref="Domain.Analytics.LatencyBuckets.Of"/> computes it.</summary>
    public const string Bucket = "toInt32(floor(log(greatest(duration_ms, 0.001)) * 50))";

    /// <summary>
    /// quantilesExactWeighted over (bucket, count) takes the first value whose running count reaches ceil(level × n);
    /// quantileExact takes sorted position floor(level × n), i.e. running count floor(level × n) + 1. The two differ
    /// only when level × n is whole; 10⁻¹² more on the level moves that case up by one and no other below 10¹⁰
    /// events (as in the embedded store's quantile_disc). Parameters must be literals in ClickHouse 18.
    /// </summary>
    public const string WeightedQuantiles = "quantilesExactWeighted(0.500000000001, 0.950000000001, 0.990000000001)";

    public static readonly string[] CreateTables =
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Hours} (project_id String, hour DateTime('UTC'), version UInt64, raw_rows UInt64, raw_hash UInt64)
        ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Requests} (
            project_id String, hour DateTime('UTC'), version UInt64, environment String, method String, route String, status UInt16,
            requests UInt64, request_bytes UInt64, response_bytes UInt64)
        ENGINE = MergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, version, environment, method, route, status)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {RouteLatency} (
            project_id String, hour DateTime('UTC'), version UInt64, environment String, method String, route String, bucket Int32, requests UInt64)
        ENGINE = MergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, version, environment, method, route, bucket)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Latency} (project_id String, hour DateTime('UTC'), version UInt64, environment String, bucket Int32, requests UInt64)
        ENGINE = MergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, version, environment, bucket)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Consumers} (
            project_id String, hour DateTime('UTC'), version UInt64, environment String, consumer_id String, requests UInt64, errors UInt64)
        ENGINE = MergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, version, environment, consumer_id)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Days} (project_id String, day DateTime('UTC'), version UInt64)
        ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(day) ORDER BY (project_id, day)
        """,
    ];

    public static readonly string[] RollupTables = [Requests, RouteLatency, Latency, Consumers];

    /// <summary>
    /// Each rollup table has a daily twin of the same shape (its <c>hour</c> is the day's start) summed from the
    /// hours' current rollups: a 30-day view reads 30 days of rows instead of 720 hours' (the route histograms and
    /// the consumers are each about a tenth of the raw rows per hour at 10M events).
    /// </summary>
    public static string Daily(string table) => table + "_daily";

    /// <summary>Dimensions and summed measures of each rollup table, for its daily twin.</summary>
    private static readonly Dictionary<string, (string Dimensions, string Measures)> Shapes = new()
    {
        [Requests] = ("environment, method, route, status", "sum(requests), sum(request_bytes), sum(response_bytes)"),
        [RouteLatency] = ("environment, method, route, bucket", "sum(requests)"),
        [Latency] = ("environment, bucket", "sum(requests)"),
        [Consumers] = ("environment, consumer_id", "sum(requests), sum(errors)"),
    };

    public static IEnumerable<string> CreateDailyTables => RollupTables.Select(t => $"CREATE TABLE IF NOT EXISTS {Daily(t)} AS {t}");

    /// <summary>
    /// Per project and closed hour: the raw row count (without FINAL: cheap, and a merge that drops a duplicate changes
    /// it too, which only costs a rebuild) and, for hours late events may still reach, a sum of id hashes, so an
    /// insert that a merge happens to cancel in the count still changes the fingerprint.
    /// </summary>
    public static string RawFingerprints(long closedBefore, long lateFrom) => $"""
        SELECT project_id, toUInt32(toStartOfHour(timestamp)) AS hour, count() AS raw_rows,
               sumIf(cityHash64(id), timestamp >= toDateTime({lateFrom})) AS raw_hash
        FROM api_events
        WHERE timestamp < toDateTime({closedBefore})
        GROUP BY project_id, hour
        FORMAT JSON
        """;

    public const string RecordedDays = $"SELECT project_id, toUInt32(day) AS day FROM {Days} FINAL FORMAT JSON";

    /// <summary>
    /// A day's rows in each daily twin, from its hours' current rollups (built after those hours' state rows), as
    /// <paramref name="version"/>.
    /// </summary>
    public static IEnumerable<string> BuildDay(string project, long day, ulong version) => RollupTables.Select(table => string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO {Daily(table)}
        SELECT project_id, toDateTime({day}, 'UTC'), {version}, {Shapes[table].Dimensions}, {Shapes[table].Measures} FROM {table}
        WHERE project_id = {project} AND hour >= toDateTime({day}) AND hour < toDateTime({day + 86_400})
          AND (hour, version) IN (SELECT hour, version FROM {Hours} FINAL WHERE project_id = {project} AND hour >= toDateTime({day}) AND hour < toDateTime({day + 86_400}))
        GROUP BY project_id, {Shapes[table].Dimensions}
        """));

    public const string RecordedHours = $"SELECT project_id, toUInt32(hour) AS hour, version, raw_rows, raw_hash FROM {Hours} FINAL FORMAT JSON";

    /// <summary>Rebuilds [from, to) of one project from deduplicated rows, as <paramref name="version"/>; state rows are written after.</summary>
    public static IEnumerable<string> Build(string project, long from, long to, ulong version)
    {
        var source = $"FROM api_events FINAL WHERE project_id = {project} AND timestamp >= toDateTime({from}) AND timestamp < toDateTime({to})";
        var v = version.ToString(CultureInfo.InvariantCulture);
        yield return $"""
            INSERT INTO {Requests}
            SELECT project_id, toStartOfHour(timestamp) AS hour, {v}, environment, method, route, status, count(), sum(request_bytes), sum(response_bytes)
            {source} GROUP BY project_id, hour, environment, method, route, status
            """;
        yield return $"""
            INSERT INTO {RouteLatency}
            SELECT project_id, toStartOfHour(timestamp) AS hour, {v}, environment, method, route, {Bucket} AS bucket, count()
            {source} GROUP BY project_id, hour, environment, method, route, bucket
            """;
        yield return $"""
            INSERT INTO {Latency}
            SELECT project_id, hour, version, environment, bucket, sum(requests) FROM {RouteLatency}
            WHERE project_id = {project} AND hour >= toDateTime({from}) AND hour < toDateTime({to}) AND version = {v}
            GROUP BY project_id, hour, version, environment, bucket
            """;
        yield return $"""
            INSERT INTO {Consumers}
            SELECT project_id, toStartOfHour(timestamp) AS hour, {v}, environment, consumer_id, count(), countIf(status >= 400)
            {source} AND consumer_id != '' GROUP BY project_id, hour, environment, consumer_id
            """;
    }
}
