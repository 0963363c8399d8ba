using System.Net;
using Microsoft.Data.Sqlite;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.Embedded;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Analytics;

/// <summary>The DuckDB embedded store: used by the worker and the dashboards at once, and beside an old SQLite file.</summary>
public sealed class EmbeddedStoreTests
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task WritesQueriesAndRetention_AtTheSameTime_NeitherFailNorLoseOrDoubleCount()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sentinel-embedded-{Guid.NewGuid():N}.duckdb");
        var project = Guid.NewGuid();
        var other = Guid.NewGuid();
        var events = TestEvents.AsStored(TestEvents.Generate(4000, seed: 60, Start), project);
        var old = TestEvents.AsStored(TestEvents.Generate(500, seed: 61, Start.AddDays(-3)), project);
        var otherEvents = TestEvents.AsStored(TestEvents.Generate(300, seed: 62, Start), other);
        try
        {
            await using (var store = new EmbeddedAnalyticsStore(file))
            {
                await store.EnsureSchemaAsync(CancellationToken.None);
                await store.WriteAsync(old, CancellationToken.None);
                var query = new DashboardQuery(project, null, Start, Start.AddHours(1), 60);

                // Eight writers (each batch also sent twice, overlapping its neighbour), four readers and retention.
                var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
                {
                    for (var i = w * 500; i < (w + 1) * 500; i += 100)
                    {
                        await store.WriteAsync(events[i..Math.Min(i + 150, events.Count)], CancellationToken.None);
                        await store.WriteAsync(events[i..(i + 100)], CancellationToken.None);
                    }
                }));
                var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    long last = 0;
                    for (var i = 0; i < 20; i++)
                    {
                        var seen = (await store.QueryAsync(query, CancellationToken.None)).Totals.Requests;
                        Assert.True(seen >= last && seen <= events.Count, $"A reader saw {seen} after {last}.");
                        last = seen;
                    }
                }));
                var retention = Task.Run(() => store.DeleteBeforeAsync(project, Start.AddDays(-1), CancellationToken.None));
                var otherWriter = Task.Run(() => store.WriteAsync(otherEvents, CancellationToken.None));
                await Task.WhenAll([.. writers, .. readers, retention, otherWriter]);

                var dashboard = await store.QueryAsync(query, CancellationToken.None);
                Assert.Equal(events.Count, dashboard.Totals.Requests);
                Assert.Equal(events.Count, dashboard.Routes.Sum(r => r.Requests));
                Assert.Equal(0, (await store.QueryAsync(query with { From = Start.AddDays(-4), To = Start.AddDays(-2) }, CancellationToken.None)).Totals.Requests);
                Assert.Equal(otherEvents.Count, (await store.QueryAsync(query with { ProjectId = other }, CancellationToken.None)).Totals.Requests);
            }

            // The data is in the file, not only in memory: a new store on it sees the same.
            await using var reopened = new EmbeddedAnalyticsStore(file);
            Assert.Equal(events.Count, (await reopened.QueryAsync(new DashboardQuery(project, null, Start, Start.AddHours(1), 60), CancellationToken.None)).Totals.Requests);
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }

    /// <summary>
    /// The store asks DuckDB's quantile_disc for a level shifted so that it takes ClickHouse's element (floor(level × n));
    /// every route count from 1 to 400, with ties, must give exactly the element <see cref="ExactQuantile"/> gives.
    /// </summary>
    [Fact]
    public async Task Quantiles_AreTheElementAtFloorOfLevelTimesCount_ForEveryCountUpTo400()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sentinel-quantiles-{Guid.NewGuid():N}.duckdb");
        var random = new Random(64);
        try
        {
            await using var store = new EmbeddedAnalyticsStore(file);
            foreach (var counts in Enumerable.Range(1, 400).Chunk(DashboardQuery.RouteLimit))
            {
                var project = Guid.NewGuid();
                var events = counts.SelectMany(n => Enumerable.Range(0, n).Select(i => new ApiEvent
                {
                    ProjectId = project,
                    Id = $"q-{n}-{i}",
                    Timestamp = Start.AddSeconds(i % 600),
                    Environment = "production",
                    Method = "GET",
                    Host = "h",
                    Path = $"/n{n}",
                    Route = $"/n{n}",
                    Status = 200,
                    DurationMs = random.Next(0, 50) * 0.25,
                })).ToList();
                await store.WriteAsync(events, CancellationToken.None);

                var routes = (await store.QueryAsync(new DashboardQuery(project, null, Start, Start.AddHours(1), 60), CancellationToken.None)).Routes;

                Assert.Equal(counts.Length, routes.Count);
                foreach (var route in routes)
                {
                    var sorted = events.Where(e => e.Route == route.Route).Select(e => e.DurationMs).Order().ToList();
                    var expected = (ExactQuantile.Of(sorted, 0.5), ExactQuantile.Of(sorted, 0.95), ExactQuantile.Of(sorted, 0.99));
                    Assert.True(expected == (route.P50Ms, route.P95Ms, route.P99Ms), $"{route.Route}: {(route.P50Ms, route.P95Ms, route.P99Ms)}, expected {expected}");
                }
            }
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }

    [Fact]
    public async Task AnOldSqliteAnalyticsFile_IsLeftAlone_AndTheHostStoresInDuckDb()
    {
        var data = Path.Combine(Path.GetTempPath(), $"sentinel-old-data-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var oldFile = Path.Combine(data, "analytics.db");
        await using (var sqlite = new SqliteConnection($"Data Source={oldFile};Pooling=false"))
        {
            await sqlite.OpenAsync();
            await using var create = sqlite.CreateCommand();
            create.CommandText = "CREATE TABLE api_events (project_id TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (project_id, ts, id)) WITHOUT ROWID; INSERT INTO api_events VALUES ('x', 'y', 1);";
            await create.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(oldFile);
        var now = DateTime.UtcNow.AddMinutes(-20);
        try
        {
            await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = data }).Start();
            var project = await app.CreateProjectAsync("Shop");
            var key = await app.CreateKeyAsync(project.Id);
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(5, seed: 63, now))).StatusCode);

            Assert.Equal(5, (await app.WaitForStoredAsync(project.Id, now, 5)).Totals.Requests);
            Assert.Equal(before, await File.ReadAllBytesAsync(oldFile));
            Assert.True(File.Exists(Path.Combine(data, "analytics.duckdb")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
