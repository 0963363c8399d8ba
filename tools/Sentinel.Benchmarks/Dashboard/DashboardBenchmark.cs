using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.ClickHouse;
using Sentinel.Infrastructure.Analytics.Embedded;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Benchmarks.Dashboard;

/// <summary>
/// The portal's analytics dashboard (one <see cref="IAnalyticsStore.QueryAsync"/>: every pipe, with the previous
/// period) for each preset range, on a store filled with 30 days of generated traffic. Helper of
/// <c>scripts/bench-dashboard.sh</c>:
/// <c>dashboard clickhouse URL EVENTS RUNS</c> or <c>dashboard embedded FOLDER EVENTS RUNS</c>.
/// The events are generated inside the store by one INSERT … SELECT (<see cref="TrafficSql"/>), the fastest bulk
/// load either has, and the same shape in both: 50 routes (a few busy), 1000 consumers (a few heavy, 20% of requests
/// anonymous), 10% staging, statuses mostly 2xx, log-normal latencies per route.
/// On ClickHouse the hourly rollups are then built by the rollup job's own code (<see cref="IAnalyticsRollups"/>,
/// ADR 031), timed once from scratch and once with nothing to do, so the 7-day and 30-day views time what the page
/// reads: rollups plus raw events at the edges. Prints one RESULT line per range (with the load average beside it)
/// and one per store with the p95 over every timed run.
/// </summary>
internal static class DashboardBenchmark
{
    private static readonly Guid Project = Guid.Parse("5e171ae1-0000-4000-8000-00000000da5b");

    public static async Task RunAsync(string[] args)
    {
        var store = args[0];
        var target = args[1];
        var events = long.Parse(args[2], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[3], CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow;
        end = new DateTime(end.Ticks - (end.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var start = end.AddDays(-30);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        IAnalyticsStore analytics = store switch
        {
            "clickhouse" => new ClickHouseStore(http, Options.Create(new AnalyticsOptions
            {
                ClickHouse = new ClickHouseOptions { Url = new Uri(target), Database = "bench" },
            })),
            "embedded" => new EmbeddedAnalyticsStore(Path.Combine(target, "analytics.duckdb")),
            _ => throw new ArgumentException($"Unknown store {store}; clickhouse or embedded."),
        };
        await analytics.EnsureSchemaAsync(CancellationToken.None);

        var load = Stopwatch.StartNew();
        if (store == "clickhouse")
        {
            await ClickHouseAsync(http, target, TrafficSql.ClickHouse(Project, start, end, events));
        }
        else
        {
            await using var connection = new DuckDBConnection($"DataSource={Path.Combine(target, "analytics.duckdb")}");
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = TrafficSql.DuckDb(Project, start, end, events);
            await insert.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: generated {events:N0} events over 30 days in {load.Elapsed.TotalSeconds:F1} s"));
        if (analytics is IAnalyticsRollups rollups)
        {
            var build = Stopwatch.StartNew();
            var built = await rollups.RollUpAsync(end, CancellationToken.None);
            var first = build.Elapsed;
            build.Restart();
            var idle = await rollups.RollUpAsync(end, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT store={store} rollup_job first_run_s={first.TotalSeconds:F1} hours_built={built.HoursRebuilt} idle_run_ms={build.Elapsed.TotalMilliseconds:F0} hours_rebuilt_idle={idle.HoursRebuilt} {Load()}"));
        }

        var all = new List<double>();
        foreach (var (name, _, _) in DashboardRange.Presets)
        {
            var query = DashboardRange.Preset(name, end).Query(Project, environment: null);
            var first = await analytics.QueryAsync(query, CancellationToken.None); // warm-up
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await analytics.QueryAsync(query, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            all.AddRange(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT store={store} range={name} requests_in_range={first.Totals.Requests} routes={first.Routes.Count} buckets={first.Traffic.Count} median_ms={Percentile(times, 0.5):F0} p95_ms={Percentile(times, 0.95):F0} max_ms={times.Max():F0} runs={runs} {Load()}"));
        }

        if (analytics is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT store={store} events={events} p95_ms={Percentile(all, 0.95):F0} {Load()}"));
    }

    /// <summary>The machine's load average now (1, 5, 15 min): benchmarks here run beside other work.</summary>
    private static string Load() =>
        File.Exists("/proc/loadavg") ? "load=" + string.Join('/', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load=unknown";

    /// <summary>Nearest-rank percentile of the timed runs.</summary>
    private static double Percentile(List<double> values, double level)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(level * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task<string> ClickHouseAsync(HttpClient http, string url, string sql)
    {
        using var response = await http.PostAsync(new Uri(new Uri(url), "?database=bench"), new StringContent(sql));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"ClickHouse: {body}");
    }
}
