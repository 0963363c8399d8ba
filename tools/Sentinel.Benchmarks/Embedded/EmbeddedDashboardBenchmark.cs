using System.Diagnostics;
using System.Globalization;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.Embedded;

namespace Sentinel.Benchmarks.Embedded;

/// <summary>
/// The dashboard of one project over a day holding <c>events</c> API events, in the DuckDB embedded store and in the
/// SQLite store it replaced (ADR 016). Each store is loaded through its own WriteAsync in batches as the worker
/// writes them, then the whole dashboard (all five queries) is timed: one warm-up, then <c>runs</c> timed runs.
/// CPU time per run (all threads of the process) is printed beside the wall times, which a busy machine inflates.
/// Both stores must give the same dashboard; the run fails if they do not. A third argument (duckdb or sqlite) runs one.
/// </summary>
internal static class EmbeddedDashboardBenchmark
{
    private static readonly DateTime Start = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var only = args.Length > 2 ? args[2] : null;
        var folder = Path.Combine(Path.GetTempPath(), $"sentinel-dashboard-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var project = Guid.NewGuid();
            var events = Generate(project, count, seed: 1);
            var queries = new (string Name, DashboardQuery Query)[]
            {
                ("day, 1-hour buckets", new DashboardQuery(project, null, Start, Start.AddDays(1), 3600)),
                ("day, 1-minute buckets", new DashboardQuery(project, null, Start, Start.AddDays(1), 60)),
                ("day, one environment", new DashboardQuery(project, "staging", Start, Start.AddDays(1), 300)),
                ("last hour, 10 s buckets", new DashboardQuery(project, null, Start.AddHours(23), Start.AddDays(1), 10)),
            };
            var answers = new List<Dashboard>();
            foreach (var (name, store) in new (string, Func<IAnalyticsStore>)[]
            {
                ("DuckDB", () => new EmbeddedAnalyticsStore(Path.Combine(folder, "analytics.duckdb"))),
                ("SQLite", () => new SqliteAnalyticsStore($"Data Source={Path.Combine(folder, "analytics.db")}")),
            })
            {
                if (only is not null && !name.Equals(only, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var instance = store();
                await instance.EnsureSchemaAsync(CancellationToken.None);
                var load = Stopwatch.StartNew();
                var cpu = Environment.CpuUsage.TotalTime;
                foreach (var batch in events.Chunk(10_000))
                {
                    await instance.WriteAsync(batch, CancellationToken.None);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: loaded {count:N0} events in {load.Elapsed.TotalSeconds:F1} s ({(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F1} s of CPU)"));
                foreach (var (label, query) in queries)
                {
                    answers.Add(await instance.QueryAsync(query, CancellationToken.None)); // warm-up, and the answer compared below
                    var times = new List<double>();
                    var queryCpu = Environment.CpuUsage.TotalTime;
                    for (var i = 0; i < runs; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await instance.QueryAsync(query, CancellationToken.None);
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    times.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT store={name} query=\"{label}\" events={count} median_ms={times[times.Count / 2]:F0} max_ms={times[^1]:F0} cpu_ms_per_run={(Environment.CpuUsage.TotalTime - queryCpu).TotalMilliseconds / runs:F0} runs={runs}"));
                }

                if (instance is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }

            for (var i = 0; i < queries.Length && answers.Count == 2 * queries.Length; i++)
            {
                var (duck, sqlite) = (answers[i], answers[i + queries.Length]);
                var same = duck.Totals == sqlite.Totals && duck.Traffic.SequenceEqual(sqlite.Traffic) && duck.StatusCodes.SequenceEqual(sqlite.StatusCodes)
                    && duck.Consumers.SequenceEqual(sqlite.Consumers)
                    && duck.Routes.Select(r => (r.Method, r.Route, r.Requests, r.P50Ms, r.P95Ms, r.P99Ms)).SequenceEqual(sqlite.Routes.Select(r => (r.Method, r.Route, r.Requests, r.P50Ms, r.P95Ms, r.P99Ms)));
                Console.WriteLine($"{queries[i].Name}: {duck.Totals.Requests:N0} requests, {duck.Routes.Count} routes; DuckDB and SQLite agree: {same}");
                if (!same)
                {
                    Environment.ExitCode = 1;
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A day of traffic in time order: 60 routes, 6 methods, 13 statuses, 500 consumers, long-tailed latencies, 10% staging.</summary>
    private static List<ApiEvent> Generate(Guid project, int count, int seed)
    {
        var random = new Random(seed);
        string[] methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
        int[] statuses = [200, 200, 200, 200, 201, 204, 301, 400, 401, 404, 429, 500, 503];
        var routes = Enumerable.Range(0, 60).Select(i => $"/v1/resource{i}/{{id}}").ToArray();
        var events = new List<ApiEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var route = routes[(int)(routes.Length * Math.Pow(random.NextDouble(), 2))];
            events.Add(new ApiEvent
            {
                ProjectId = project,
                Id = $"evt-{i}",
                Timestamp = Start.AddMilliseconds(random.NextInt64(86_400_000)),
                Environment = random.Next(10) == 0 ? "staging" : "production",
                Method = methods[random.Next(methods.Length)],
                Host = "api.shop.test",
                Path = route.Replace("{id}", random.Next(1, 99_999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                Route = route,
                Status = statuses[random.Next(statuses.Length)],
                DurationMs = Math.Round(Math.Exp(random.NextDouble() * 7), 3),
                RequestBytes = random.Next(0, 4000),
                ResponseBytes = random.Next(0, 90_000),
                ConsumerId = random.Next(4) == 0 ? "" : $"customer-{random.Next(500)}",
                Ip = $"203.0.113.{random.Next(1, 254)}",
                UserAgent = "shop-mobile/4.2 (iOS 18)",
                SdkName = "sentinel-node",
                SdkVersion = "0.1.0",
                HeadersJson = """{"accept":"application/json"}""",
            });
        }

        // In arrival order, as the workers write them.
        return [.. events.OrderBy(e => e.Timestamp)];
    }
}
