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
/// The overview's 12 project cards, before and after ADR 032: one full 24-hour dashboard per card (what the page did)
/// against one <see cref="IAnalyticsStore.TrafficAsync"/> for all of them, on 12 projects sharing <c>events</c> generated
/// events over 30 days (<see cref="TrafficSql"/>, per project). Checks that both give every card the same hourly
/// requests and errors, then times each RUNS times after a warm-up. Helper of <c>scripts/bench-overview.sh</c>:
/// <c>overview clickhouse URL EVENTS RUNS</c> or <c>overview embedded FOLDER EVENTS RUNS</c>.
/// </summary>
internal static class OverviewBenchmark
{
    private const int Cards = 12;

    public static async Task RunAsync(string[] args)
    {
        var (store, target) = (args[0], args[1]);
        var events = long.Parse(args[2], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[3], CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow;
        var end = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
        var projects = Enumerable.Range(1, Cards).Select(i => Guid.Parse($"5e171ae1-0000-4000-8000-{i:D12}")).ToList();

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        IAnalyticsStore analytics = store switch
        {
            "clickhouse" => new ClickHouseStore(http, Options.Create(new AnalyticsOptions { ClickHouse = new ClickHouseOptions { Url = new Uri(target), Database = "bench" } })),
            "embedded" => new EmbeddedAnalyticsStore(Path.Combine(target, "analytics.duckdb")),
            _ => throw new ArgumentException($"Unknown store {store}; clickhouse or embedded."),
        };
        await analytics.EnsureSchemaAsync(CancellationToken.None);

        var load = Stopwatch.StartNew();
        foreach (var project in projects)
        {
            if (store == "clickhouse")
            {
                using var response = await http.PostAsync(new Uri(new Uri(target), "?database=bench"), new StringContent(TrafficSql.ClickHouse(project, end.AddDays(-30), end, events / Cards)));
                response.EnsureSuccessStatusCode();
            }
            else
            {
                await using var connection = new DuckDBConnection($"DataSource={Path.Combine(target, "analytics.duckdb")}");
                await connection.OpenAsync();
                await using var insert = connection.CreateCommand();
                insert.CommandText = TrafficSql.DuckDb(project, end.AddDays(-30), end, events / Cards);
                await insert.ExecuteNonQueryAsync();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: generated {events:N0} events for {Cards} projects over 30 days in {load.Elapsed.TotalSeconds:F1} s"));

        var traffic = new TrafficOverviewQuery(projects, end.AddHours(-24), end, 3600);
        async Task<List<(Guid, DateTime, long, long)>> BeforeAsync()
        {
            var cards = new List<(Guid, DateTime, long, long)>();
            foreach (var project in projects)
            {
                var dashboard = await analytics.QueryAsync(new DashboardQuery(project, null, traffic.From, traffic.To, 3600), CancellationToken.None);
                cards.AddRange(dashboard.Traffic.Select(b => (project, b.Start, b.Requests, b.ClientErrors + b.ServerErrors)));
            }

            return cards;
        }

        async Task<List<(Guid, DateTime, long, long)>> AfterAsync() =>
            (await analytics.TrafficAsync(traffic, CancellationToken.None)).Select(b => (b.ProjectId, b.Start, b.Requests, b.ClientErrors + b.ServerErrors)).ToList();

        var (before, after) = (await BeforeAsync(), await AfterAsync()); // warm-up, and the same answer
        if (!before.Order().SequenceEqual(after.Order()) || after.Count == 0)
        {
            throw new InvalidOperationException($"The overview query and the dashboards disagree ({after.Count} against {before.Count} buckets).");
        }

        var timings = new Dictionary<string, List<double>> { ["dashboard_per_card"] = [], ["one_traffic_query"] = [] };
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await BeforeAsync();
            timings["dashboard_per_card"].Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await AfterAsync();
            timings["one_traffic_query"].Add(watch.Elapsed.TotalMilliseconds);
        }

        if (analytics is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        var (old, @new) = (Median(timings["dashboard_per_card"]), Median(timings["one_traffic_query"]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT store={store} events={events} cards={Cards} buckets={after.Count} dashboard_per_card_median_ms={old:F0} one_traffic_query_median_ms={@new:F0} speedup={old / @new:F1} runs={runs}"));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
