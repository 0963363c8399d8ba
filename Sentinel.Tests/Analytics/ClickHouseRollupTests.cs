using System.Globalization;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.ClickHouse;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Analytics;

/// <summary>
/// The rollup job's code on the real ClickHouse (ADR 031): it rebuilds exactly the hours whose events changed, from
/// deduplicated rows, and the rollups it leaves are read back here directly (current versions only).
/// </summary>
public sealed class ClickHouseRollupTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 20, 15, DateTimeKind.Utc);
    private readonly Guid _project = Guid.NewGuid();
    private readonly HttpClient _http = new();
    private ClickHouseServer? _server;
    private string _database = "";
    private ClickHouseStore? _store;

    private ClickHouseStore Store => _store!;

    public async Task InitializeAsync()
    {
        _server = await TestServers.ClickHouseAsync();
        _database = await _server.CreateDatabaseAsync();
        _store = new ClickHouseStore(_http, Options.Create(new AnalyticsOptions { ClickHouse = new ClickHouseOptions { Url = _server.Url, Database = _database } }));
        await Store.EnsureSchemaAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ARedeliveredBatch_CountsOnceInTheRollups()
    {
        var events = Hourly(600, seed: 1, hours: 10);
        await Store.WriteAsync(events, CancellationToken.None);
        await Store.WriteAsync(events[100..400], CancellationToken.None);

        var run = await Store.RollUpAsync(Now, CancellationToken.None);

        Assert.Equal(10, run.HoursRebuilt);
        Assert.Equal(600, await RolledUpRequestsAsync());
        Assert.Equal(600, await RolledUpAsync($"sum(requests) FROM {_database}.api_rollup_latency_env"));
        Assert.Equal(events.Select(e => e.ConsumerId).Where(c => c.Length > 0).Distinct().Count(), await RolledUpAsync($"uniqExact(consumer_id) FROM {_database}.api_rollup_consumers"));

        // Delivered once more after the rollup: whether or not ClickHouse has merged the copies yet, the next runs
        // rebuild what changed and the rollups still hold every event once.
        await Store.WriteAsync(events[..200], CancellationToken.None);
        await Store.RollUpAsync(Now, CancellationToken.None);
        Assert.Equal(600, await RolledUpRequestsAsync());
        await _server!.QueryAsync($"OPTIMIZE TABLE {_database}.api_events FINAL");
        await Store.RollUpAsync(Now, CancellationToken.None);
        Assert.Equal(600, await RolledUpRequestsAsync());
    }

    [Fact]
    public async Task OnlyChangedHours_AreRebuilt_AndALateEventLandsInItsHour()
    {
        var events = Hourly(300, seed: 2, hours: 6);
        await Store.WriteAsync(events, CancellationToken.None);
        Assert.Equal(6, (await Store.RollUpAsync(Now, CancellationToken.None)).HoursRebuilt);
        Assert.Equal(0, (await Store.RollUpAsync(Now, CancellationToken.None)).HoursRebuilt);

        var late = events[7] with { Id = "late-1", DurationMs = 5000 };
        await Store.WriteAsync([late], CancellationToken.None);
        var query = DashboardRange.Preset("7d", Now).Query(_project, null);
        Assert.Equal(301, (await Store.QueryAsync(query, CancellationToken.None)).Totals.Requests); // its hour is read raw until rebuilt

        var run = await Store.RollUpAsync(Now, CancellationToken.None);

        Assert.Equal(1, run.HoursRebuilt);
        var hour = UnixTime.Seconds(late.Timestamp) / 3600 * 3600;
        Assert.Equal(events.Count(e => UnixTime.Seconds(e.Timestamp) / 3600 * 3600 == hour) + 1, await RolledUpRequestsAsync($" AND toUInt32(hour) = {hour}"));
        Assert.Equal(301, await RolledUpRequestsAsync());
        Assert.Equal(301, (await Store.QueryAsync(query, CancellationToken.None)).Totals.Requests);
        // The rows of the version it replaced are deleted (a mutation, in the background).
        await Wait.UntilAsync(
            async () => long.Parse(await _server!.QueryAsync($"SELECT count() FROM {_database}.api_rollup_requests WHERE version < {run.Version}"), CultureInfo.InvariantCulture)
                == long.Parse(await _server!.QueryAsync($"SELECT count() FROM {_database}.api_rollup_requests WHERE version < {run.Version} AND toUInt32(hour) != {hour}"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(30),
            () => "the old version's rows of the rebuilt hour are still there");
    }

    [Fact]
    public async Task Retention_EmptiesTheHoursItDeletes()
    {
        var events = Hourly(400, seed: 3, hours: 8);
        await Store.WriteAsync(events, CancellationToken.None);
        await Store.RollUpAsync(Now, CancellationToken.None);
        var cutoff = events.Min(e => e.Timestamp).AddHours(3.5);
        var kept = events.Count(e => UnixTime.Seconds(e.Timestamp) >= UnixTime.Seconds(cutoff));

        await Store.DeleteBeforeAsync(_project, cutoff, CancellationToken.None);

        // The delete is a background mutation: roll up until the job has seen all of it.
        long rolled = -1;
        await Wait.UntilAsync(
            async () =>
            {
                await Store.RollUpAsync(Now, CancellationToken.None);
                return (rolled = await RolledUpRequestsAsync()) == kept;
            },
            TimeSpan.FromSeconds(30),
            () => $"the rollups hold {rolled} requests, expected {kept}");
        Assert.Equal(0, await RolledUpRequestsAsync($" AND hour < toDateTime({UnixTime.Seconds(cutoff) / 3600 * 3600})"));
        Assert.Equal(kept, (await Store.QueryAsync(DashboardRange.Preset("30d", Now).Query(_project, null), CancellationToken.None)).Totals.Requests);
    }

    /// <summary>Events spread over the <paramref name="hours"/> closed hours before <see cref="Now"/>'s hour.</summary>
    private ApiEvent[] Hourly(int count, int seed, int hours)
    {
        var random = new Random(seed);
        var firstHour = new DateTime(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-hours);
        return [.. TestEvents.AsStored(TestEvents.Generate(count, seed, firstHour), _project)
            .Select((e, i) => e with { Timestamp = firstHour.AddHours(i % hours).AddSeconds(random.Next(3600)) })];
    }

    private Task<long> RolledUpRequestsAsync(string where = "") => RolledUpAsync($"sum(requests) FROM {_database}.api_rollup_requests", where);

    /// <summary>An aggregate over the rows of current versions only, as the dashboards read them.</summary>
    private async Task<long> RolledUpAsync(string aggregateFrom, string where = "")
    {
        var text = await _server!.QueryAsync($"""
            SELECT {aggregateFrom}
            WHERE project_id = '{_project}' AND (hour, version) IN (SELECT hour, version FROM {_database}.api_rollup_hours FINAL WHERE project_id = '{_project}'){where}
            """);
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
