using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.ClickHouse;
using Sentinel.Infrastructure.Analytics.Embedded;
using Sentinel.Infrastructure.Analytics.Tinybird;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Analytics;

/// <summary>
/// One data set loaded into every store (the embedded DuckDB store, the real ClickHouse, and Tinybird's API stand-in
/// running the repository's pipes on the real ClickHouse) must give the same dashboards, duplicates counted once.
/// </summary>
public sealed class AnalyticsStoresAgreeTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly Guid _project = Guid.NewGuid();
    private readonly Guid _otherProject = Guid.NewGuid();
    private readonly string _embeddedFile = Path.Combine(Path.GetTempPath(), $"sentinel-analytics-{Guid.NewGuid():N}.duckdb");
    private readonly List<HttpClient> _clients = [];
    private readonly string _clickHouseDatabase = $"t_{Guid.NewGuid():N}";
    private TinybirdStandIn? _tinybird;
    private ClickHouseServer? _clickHouse;
    private Dictionary<string, IAnalyticsStore> _stores = [];

    public async Task InitializeAsync()
    {
        _clickHouse = await TestServers.ClickHouseAsync();
        _tinybird = await TinybirdStandIn.StartAsync();
        var options = Options.Create(new AnalyticsOptions
        {
            ClickHouse = new ClickHouseOptions { Url = _clickHouse.Url, Database = _clickHouseDatabase },
            Tinybird = new TinybirdOptions { ApiUrl = _tinybird.Url, Token = TinybirdStandIn.Token },
        });
        _stores = new Dictionary<string, IAnalyticsStore>
        {
            ["embedded"] = new EmbeddedAnalyticsStore(_embeddedFile),
            ["clickhouse"] = new ClickHouseStore(Client(), options),
            ["tinybird"] = new TinybirdStore(Client(), options),
        };
        foreach (var store in _stores.Values)
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        if (_tinybird is not null)
        {
            await _tinybird.DisposeAsync();
        }

        if (_stores.GetValueOrDefault("embedded") is IAsyncDisposable embedded)
        {
            await embedded.DisposeAsync();
        }

        File.Delete(_embeddedFile);
        File.Delete(_embeddedFile + ".wal");
    }

    [Fact]
    public async Task EveryStore_GivesTheSameDashboards_CountingDuplicatesOnce()
    {
        var production = Events(_project, 1500, seed: 1, "production");
        var staging = Events(_project, 400, seed: 2, "staging");
        var otherProject = Events(_otherProject, 300, seed: 3, "production");
        foreach (var store in _stores.Values)
        {
            await store.WriteAsync(production[..800], CancellationToken.None);
            await store.WriteAsync([.. production[800..], .. staging, .. otherProject], CancellationToken.None);
            // A batch delivered again (a retry after a lost acknowledgement).
            await store.WriteAsync(production[700..900], CancellationToken.None);
        }

        var queries = new[]
        {
            new DashboardQuery(_project, null, Start, Start.AddHours(1), 60),
            new DashboardQuery(_project, "staging", Start, Start.AddHours(1), 300),
            new DashboardQuery(_project, null, Start.AddMinutes(3), Start.AddMinutes(7), 10),
            new DashboardQuery(_project, null, Start.AddMinutes(5), Start.AddMinutes(10), 30) { ComparePrevious = true },
            new DashboardQuery(_project, null, Start, Start.AddHours(1), 60) { Method = "GET", Route = "/orders/{id}", ComparePrevious = true },
            new DashboardQuery(_project, "production", Start.AddMinutes(4), Start.AddMinutes(9), 60) { ConsumerId = "customer-3", ComparePrevious = true },
            new DashboardQuery(_project, "staging", Start, Start.AddHours(1), 120) { Method = "POST", Route = "/checkout", ConsumerId = "customer-5" },
        };
        foreach (var query in queries)
        {
            var answers = new Dictionary<string, Dashboard>();
            foreach (var (name, store) in _stores)
            {
                answers[name] = await store.QueryAsync(query, CancellationToken.None);
            }

            var expected = answers["embedded"];
            Assert.True(expected.Totals.Requests > 0, $"{query} found nothing");
            Assert.True(expected.Totals.P99Ms >= expected.Totals.P95Ms && expected.Totals.P95Ms >= expected.Totals.P50Ms && expected.Totals.P50Ms > 0);
            Assert.Equal(query.ComparePrevious, expected.Previous is not null);
            foreach (var (name, actual) in answers)
            {
                AssertSame(expected, actual, $"{name} for {query}");
            }
        }

        var all = await _stores["clickhouse"].QueryAsync(queries[0], CancellationToken.None);
        Assert.Equal(1500 + 400, all.Totals.Requests);
        Assert.Equal(production.Concat(staging).Select(e => e.ConsumerId).Where(c => c.Length > 0).Distinct().Count(), all.Totals.Consumers);
        Assert.Equal([new EnvironmentCount("production", 1500), new EnvironmentCount("staging", 400)], all.Environments);
        var sortedDurations = production.Concat(staging).Select(e => e.DurationMs).Order().ToList();
        Assert.Equal(ExactQuantile.Of(sortedDurations, 0.95), all.Totals.P95Ms);

        // The filters narrow every part of the dashboard: the route page's totals are that route's row of the full dashboard.
        var route = await _stores["embedded"].QueryAsync(queries[4], CancellationToken.None);
        var routeRow = all.Routes.Single(r => r.Method == "GET" && r.Route == "/orders/{id}");
        Assert.Equal((routeRow.Requests, routeRow.P95Ms), (route.Totals.Requests, route.Totals.P95Ms));
        Assert.Equal(routeRow.Requests, route.Traffic.Sum(b => b.Requests));
        var onlyRoute = Assert.Single(route.Routes);
        Assert.Equal(("GET", "/orders/{id}"), (onlyRoute.Method, onlyRoute.Route));

        // The previous period of [5, 10) minutes is [0, 5) minutes, counted in the same query.
        var firstFive = await _stores["clickhouse"].QueryAsync(new DashboardQuery(_project, null, Start, Start.AddMinutes(5), 30), CancellationToken.None);
        var lastFive = await _stores["tinybird"].QueryAsync(queries[3], CancellationToken.None);
        Assert.True(firstFive.Totals.Requests > 0);
        Assert.Equal(Rounded(firstFive.Totals), Rounded(lastFive.Previous));
    }

    /// <summary>
    /// Views of 7 days and longer (ADR 031): ClickHouse reads its hourly rollups (built by the job's code) plus raw
    /// events at the edges and in hours changed since, the others read raw events; all must give the same dashboard,
    /// with the same estimated percentiles, and the counts must be the exact counts of the distinct events.
    /// </summary>
    [Fact]
    public async Task LongViews_AreTheSameInEveryStore_WithClickHouseReadingRollupsAndRawEdges()
    {
        var now = new DateTime(2026, 11, 20, 9, 20, 15, DateTimeKind.Utc);
        var production = Spread(Events(_project, 2500, seed: 11, "production"), now, TimeSpan.FromDays(12), seed: 11);
        var staging = Spread(Events(_project, 500, seed: 12, "staging"), now, TimeSpan.FromDays(9), seed: 12);
        var other = Spread(Events(_otherProject, 300, seed: 13, "production"), now, TimeSpan.FromDays(9), seed: 13);
        foreach (var store in _stores.Values)
        {
            await store.WriteAsync([.. production, .. staging, .. other], CancellationToken.None);
        }

        var clickHouse = (IAnalyticsRollups)_stores["clickhouse"];
        var first = await clickHouse.RollUpAsync(now, CancellationToken.None);
        Assert.True(first.HoursRebuilt > 200, $"rolled up {first.HoursRebuilt} hours");

        // After the rollup: a batch delivered again, late events into rolled-up hours, events in the current hour.
        var late = Spread(Events(_project, 40, seed: 14, "production"), now.AddDays(-2), TimeSpan.FromDays(3), seed: 14);
        var recent = Spread(Events(_project, 30, seed: 15, "staging"), now, TimeSpan.FromMinutes(20), seed: 15);
        foreach (var store in _stores.Values)
        {
            await store.WriteAsync(production[1000..1400], CancellationToken.None);
            await store.WriteAsync([.. late, .. recent], CancellationToken.None);
        }

        var queries = new[]
        {
            DashboardRange.Preset("7d", now).Query(_project, null),
            DashboardRange.Preset("30d", now).Query(_project, null),
            DashboardRange.Preset("7d", now).Query(_project, "staging"),
            new DashboardQuery(_project, "production", now.AddDays(-8).AddMinutes(-17), now.AddMinutes(-3), 7200) { ComparePrevious = true },
            new DashboardQuery(_project, null, now.AddDays(-10), now, 86_400),
            DashboardRange.Preset("7d", now).Query(_project, null) with { Method = "GET", Route = "/orders/{id}" },
            DashboardRange.Preset("30d", now).Query(_project, null) with { ConsumerId = "customer-3" },
        };
        var everything = production.Concat(staging).Concat(late).Concat(recent).ToList();
        foreach (var round in new[] { "after late events", "after the next rollup" })
        {
            foreach (var query in queries)
            {
                var answers = new Dictionary<string, Dashboard>();
                foreach (var (name, store) in _stores)
                {
                    answers[name] = await store.QueryAsync(query, CancellationToken.None);
                }

                foreach (var (name, actual) in answers)
                {
                    AssertSame(answers["embedded"], actual, $"{name} {round} for {query}");
                }

                // Exact counts, estimated percentiles: against the events themselves.
                var inRange = everything
                    .Where(e => UnixTime.Seconds(e.Timestamp) >= query.FromUnix && UnixTime.Seconds(e.Timestamp) < query.ToUnix)
                    .Where(e => (query.Environment ?? e.Environment) == e.Environment && (query.Route ?? e.Route) == e.Route && (query.Method ?? e.Method) == e.Method)
                    .Where(e => (query.ConsumerId ?? e.ConsumerId) == e.ConsumerId)
                    .ToList();
                var totals = answers["clickhouse"].Totals;
                Assert.True(inRange.Count > 0, $"{query} holds no events");
                Assert.Equal(inRange.Count, totals.Requests);
                Assert.Equal(inRange.Count(e => e.Status >= 500), totals.ServerErrors);
                Assert.Equal(inRange.Select(e => e.ConsumerId).Where(c => c.Length > 0).Distinct().Count(), totals.Consumers);
                Assert.Equal(LatencyBuckets.Estimate(inRange.Select(e => e.DurationMs).Order().ToList(), 0.95), totals.P95Ms, 9);
            }

            var rebuilt = await clickHouse.RollUpAsync(now, CancellationToken.None);
            Assert.True(round != "after late events" || rebuilt.HoursRebuilt > 0, "the late events changed no hour");
        }

        // The test really read rollups: whole days were rolled up, and a row slipped into a current daily rollup
        // (as if 1000 requests) shows in the view.
        var days = await _clickHouse!.QueryAsync($"SELECT count() FROM {_clickHouseDatabase}.api_rollup_days FINAL WHERE project_id = '{_project}'");
        Assert.True(int.Parse(days, System.Globalization.CultureInfo.InvariantCulture) >= 10, $"{days} days rolled up");
        var before = (await _stores["clickhouse"].QueryAsync(queries[1], CancellationToken.None)).Totals.Requests;
        const string SlippedRoute = "'/orders/{id}'";
        await _clickHouse.QueryAsync($"""
            INSERT INTO {_clickHouseDatabase}.api_rollup_requests_daily
            SELECT project_id, day, version, 'production', 'GET', {SlippedRoute}, 200, 1000, 0, 0
            FROM {_clickHouseDatabase}.api_rollup_days FINAL WHERE project_id = '{_project}' ORDER BY day LIMIT 1 OFFSET 4
            """);
        Assert.Equal(before + 1000, (await _stores["clickhouse"].QueryAsync(queries[1], CancellationToken.None)).Totals.Requests);
    }

    /// <summary>
    /// The overview's one traffic query for every card: per project and bucket, the same counts in every store, a
    /// re-sent batch counted once, a project not asked for left out, and each project's buckets the same as its own
    /// dashboard's traffic over the same range.
    /// </summary>
    [Fact]
    public async Task EveryStore_GivesTheSameOverviewTraffic_PerProject_CountingDuplicatesOnce()
    {
        var unasked = Guid.NewGuid();
        var production = Events(_project, 900, seed: 7, "production");
        var staging = Events(_project, 200, seed: 8, "staging");
        var other = Events(_otherProject, 300, seed: 9, "production");
        foreach (var store in _stores.Values)
        {
            await store.WriteAsync([.. production, .. staging, .. other, .. Events(unasked, 100, seed: 10, "production")], CancellationToken.None);
            await store.WriteAsync(production[100..300], CancellationToken.None);
        }

        var query = new TrafficOverviewQuery([_project, _otherProject], Start.AddMinutes(2), Start.AddMinutes(9), 60);
        Assert.Null(query.Problem());
        var from = UnixTime.Seconds(query.From);
        var to = UnixTime.Seconds(query.To);
        var expected = production.Concat(staging).Concat(other)
            .Select(e => (e.ProjectId, Second: UnixTime.Seconds(e.Timestamp), e.Status))
            .Where(e => e.Second >= from && e.Second < to)
            .GroupBy(e => (e.ProjectId, Bucket: e.Second / 60 * 60))
            .Select(g => new ProjectTrafficBucket(
                g.Key.ProjectId, DateTime.UnixEpoch.AddSeconds(g.Key.Bucket), g.Count(), g.Count(e => e.Status is >= 400 and < 500), g.Count(e => e.Status >= 500)))
            .OrderBy(b => b.ProjectId).ThenBy(b => b.Start)
            .ToList();
        Assert.Equal(14, expected.Count);
        Assert.Contains(expected, b => b.ClientErrors + b.ServerErrors > 0);

        foreach (var (name, store) in _stores)
        {
            var actual = await store.TrafficAsync(query, CancellationToken.None);
            Assert.True(expected.SequenceEqual(actual), $"{name}: {string.Join("; ", actual)} != {string.Join("; ", expected)}");

            var dashboard = await store.QueryAsync(new DashboardQuery(_project, null, query.From, query.To, 60), CancellationToken.None);
            Assert.Equal(
                dashboard.Traffic.Select(b => (b.Start, b.Requests, Errors: b.ClientErrors + b.ServerErrors)),
                actual.Where(b => b.ProjectId == _project).Select(b => (b.Start, b.Requests, Errors: b.ClientErrors + b.ServerErrors)));
        }
    }

    /// <summary>
    /// Where quantile definitions part: with 20 and 100 durations, level × n is a whole number, and DuckDB's
    /// quantile_disc (ceil(level × n) − 1) or an interpolating quantile would answer differently from ClickHouse's
    /// quantilesExact (floor(level × n)). Every store must take ClickHouse's element.
    /// </summary>
    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(7)]
    public async Task Quantiles_AreClickHousesExactElement_InEveryStore(int count)
    {
        var events = Events(_project, count, seed: 50 + count, "production")
            .Select((e, i) => e with { Method = "GET", Route = "/q", DurationMs = 1000 - (i * 7.5) })
            .ToArray();
        var sorted = events.Select(e => e.DurationMs).Order().ToList();
        var expected = (ExactQuantile.Of(sorted, 0.5), ExactQuantile.Of(sorted, 0.95), ExactQuantile.Of(sorted, 0.99));
        foreach (var (name, store) in _stores)
        {
            await store.WriteAsync(events, CancellationToken.None);
            var route = Assert.Single((await store.QueryAsync(new DashboardQuery(_project, null, Start, Start.AddHours(1), 60), CancellationToken.None)).Routes);
            Assert.True(expected == (route.P50Ms, route.P95Ms, route.P99Ms), $"{name}: {route} for {count} durations, expected {expected}");
        }
    }

    [Fact]
    public async Task ClickHouse_StoresEveryFieldAsSent_WhateverTheCharacters()
    {
        var tricky = new ApiEvent
        {
            ProjectId = _project,
            Id = "evt-\"quoted\"\n",
            Timestamp = Start.AddSeconds(7.9),
            Environment = "staging",
            Method = "PATCH",
            Host = "api.exämple.test",
            Path = "/naïve/" + new string('x', 300),
            Route = "/naïve/{id}",
            Status = 599,
            DurationMs = 0.125,
            RequestBytes = long.MaxValue,
            ResponseBytes = 0,
            ConsumerId = "顧客-7",
            Ip = "2001:db8::1",
            UserAgent = "tab\there\\back",
            SdkName = "sentinel-node",
            SdkVersion = "",
            HeadersJson = """{"x-emoji":"😀"}""",
            Error = "line 1\r\nline 2",
        };
        var plain = Events(_project, 1, seed: 40, "production")[0];

        await _stores["clickhouse"].WriteAsync([tricky, plain], CancellationToken.None);

        var rows = (await _clickHouse!.QueryAsync($"SELECT * FROM {_clickHouseDatabase}.api_events FINAL WHERE project_id = '{_project}' ORDER BY id FORMAT JSONEachRow", "output_format_json_quote_64bit_integers=0"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var (sent, row) in new[] { plain, tricky }.OrderBy(e => e.Id, StringComparer.Ordinal).Zip(rows))
        {
            var stored = new ApiEvent
            {
                ProjectId = Guid.Parse(row.GetProperty("project_id").GetString()!),
                Id = row.GetProperty("id").GetString()!,
                Timestamp = DateTime.SpecifyKind(DateTime.Parse(row.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
                Environment = row.GetProperty("environment").GetString()!,
                Method = row.GetProperty("method").GetString()!,
                Host = row.GetProperty("host").GetString()!,
                Path = row.GetProperty("path").GetString()!,
                Route = row.GetProperty("route").GetString()!,
                Status = row.GetProperty("status").GetInt32(),
                DurationMs = row.GetProperty("duration_ms").GetDouble(),
                RequestBytes = (long)row.GetProperty("request_bytes").GetUInt64(),
                ResponseBytes = (long)row.GetProperty("response_bytes").GetUInt64(),
                ConsumerId = row.GetProperty("consumer_id").GetString()!,
                Ip = row.GetProperty("ip").GetString()!,
                UserAgent = row.GetProperty("user_agent").GetString()!,
                SdkName = row.GetProperty("sdk_name").GetString()!,
                SdkVersion = row.GetProperty("sdk_version").GetString()!,
                HeadersJson = row.GetProperty("headers").GetString()!,
                Error = row.GetProperty("error").GetString()!,
            };
            Assert.Equal(sent with { Timestamp = sent.Timestamp.AddTicks(-(sent.Timestamp.Ticks % TimeSpan.TicksPerSecond)) }, stored);
        }
    }

    [Fact]
    public async Task Retention_DeletesTheSameOldEventsEverywhere_OnlyForThatProject()
    {
        var events = Events(_project, 600, seed: 4, "production");
        var other = Events(_otherProject, 100, seed: 5, "production");
        var cutoff = Start.AddMinutes(5);
        var expectedLeft = events.Count(e => e.Timestamp >= cutoff);
        foreach (var (name, store) in _stores)
        {
            await store.WriteAsync([.. events, .. other], CancellationToken.None);
            await store.DeleteBeforeAsync(_project, cutoff, CancellationToken.None);

            // ClickHouse mutations (ALTER ... DELETE) run in the background.
            long left = -1;
            await Wait.UntilAsync(
                async () => (left = (await store.QueryAsync(new DashboardQuery(_project, null, Start, Start.AddHours(1), 60), CancellationToken.None)).Totals.Requests) == expectedLeft,
                TimeSpan.FromSeconds(20),
                () => $"{name} kept {left} events, expected {expectedLeft}.");
            Assert.Equal(100, (await store.QueryAsync(new DashboardQuery(_otherProject, null, Start, Start.AddHours(1), 60), CancellationToken.None)).Totals.Requests);
        }
    }

    [Fact]
    public async Task Tinybird_429And503_AreReportedAsUnavailable_WithRetryAfter_AndNothingIsWritten()
    {
        var tinybird = _stores["tinybird"];
        var events = Events(_project, 10, seed: 6, "production");
        _tinybird!.EventsFailures.Enqueue(429);
        _tinybird.EventsFailures.Enqueue(503);

        var limited = await Assert.ThrowsAsync<AnalyticsStoreUnavailableException>(() => tinybird.WriteAsync(events, CancellationToken.None));
        var unavailable = await Assert.ThrowsAsync<AnalyticsStoreUnavailableException>(() => tinybird.WriteAsync(events, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(1), limited.RetryAfter);
        Assert.Null(unavailable.RetryAfter);
        var query = new DashboardQuery(_project, null, Start, Start.AddHours(1), 60);
        Assert.Equal(0, (await tinybird.QueryAsync(query, CancellationToken.None)).Totals.Requests);

        await tinybird.WriteAsync(events, CancellationToken.None);
        Assert.Equal(10, (await tinybird.QueryAsync(query, CancellationToken.None)).Totals.Requests);
    }

    /// <summary>
    /// Counts must be equal and quantiles the same element. Quantiles are compared to 6 decimals because ClickHouse 18's
    /// text parser (the Tinybird stand-in inserts JSON) can land one ulp away from the value RowBinary stores exactly.
    /// </summary>
    private static void AssertSame(Dashboard expected, Dashboard actual, string what)
    {
        Assert.True(Rounded(expected.Totals) == Rounded(actual.Totals), $"{what}: totals {actual.Totals} != {expected.Totals}");
        Assert.True(Rounded(expected.Previous) == Rounded(actual.Previous), $"{what}: previous totals {actual.Previous} != {expected.Previous}");
        Assert.True(expected.Environments.SequenceEqual(actual.Environments), $"{what}: environments differ");
        var (expectedTraffic, actualTraffic) = (expected.Traffic.Select(Rounded).ToList(), actual.Traffic.Select(Rounded).ToList());
        Assert.True(expectedTraffic.SequenceEqual(actualTraffic), $"{what}: traffic differs: {FirstDifference(expectedTraffic, actualTraffic)}");
        Assert.True(expected.StatusCodes.SequenceEqual(actual.StatusCodes), $"{what}: status codes differ");
        Assert.True(expected.Consumers.SequenceEqual(actual.Consumers), $"{what}: consumers differ");
        Assert.Equal(expected.Routes.Count, actual.Routes.Count);
        foreach (var (e, a) in expected.Routes.Zip(actual.Routes))
        {
            // Averages are sums divided in floating point, so nearly equal.
            Assert.True(Rounded(e) with { AverageRequestBytes = 0, AverageResponseBytes = 0 } == Rounded(a) with { AverageRequestBytes = 0, AverageResponseBytes = 0 }, $"{what}: route {a} != {e}");
            Assert.Equal(e.AverageRequestBytes, a.AverageRequestBytes, 6);
            Assert.Equal(e.AverageResponseBytes, a.AverageResponseBytes, 6);
        }
    }

    private static DashboardTotals? Rounded(DashboardTotals? t) => t is null ? null : t with { P50Ms = Math.Round(t.P50Ms, 6), P95Ms = Math.Round(t.P95Ms, 6), P99Ms = Math.Round(t.P99Ms, 6) };

    private static TrafficBucket Rounded(TrafficBucket b) => b with { P50Ms = Math.Round(b.P50Ms, 6), P95Ms = Math.Round(b.P95Ms, 6), P99Ms = Math.Round(b.P99Ms, 6) };

    private static RouteStats Rounded(RouteStats r) => r with { P50Ms = Math.Round(r.P50Ms, 6), P95Ms = Math.Round(r.P95Ms, 6), P99Ms = Math.Round(r.P99Ms, 6) };

    private static string FirstDifference(List<TrafficBucket> expected, List<TrafficBucket> actual) =>
        expected.Count != actual.Count ? $"{actual.Count} rows, expected {expected.Count}"
        : expected.Zip(actual).Where(p => !Equals(p.First, p.Second)).Select(p => $"{p.Second} != {p.First}").FirstOrDefault() ?? "";

    /// <summary>The events moved to random seconds of the <paramref name="span"/> before <paramref name="end"/>.</summary>
    private static ApiEvent[] Spread(ApiEvent[] events, DateTime end, TimeSpan span, int seed)
    {
        var random = new Random(seed);
        return [.. events.Select(e => e with { Timestamp = end.AddSeconds(-1 - random.NextInt64((long)span.TotalSeconds)) })];
    }

    private static ApiEvent[] Events(Guid project, int count, int seed, string environment) =>
        [.. TestEvents.AsStored(TestEvents.Generate(count, seed, Start, environment), project)];

    private HttpClient Client()
    {
        var client = new HttpClient();
        _clients.Add(client);
        return client;
    }
}
