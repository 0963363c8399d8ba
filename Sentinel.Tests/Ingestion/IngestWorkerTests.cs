using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Observability;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// The worker's delivery rules on the in-process queue (the same rules run on Redis in PipelineFaultTests), with
/// stores that refuse, are out, or fail unexpectedly: only what can never be written reaches the dead letters.
/// </summary>
public sealed class IngestWorkerTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InProcessIngestQueue _queue = new(Options.Create(new IngestOptions()), TimeProvider.System);

    [Fact]
    public async Task AnEntryTheStoreRefuses_IsDeadLetteredWithItsBytes_AndTheOthersAreWritten()
    {
        var store = new ScriptedStore { Refuse = events => events.Any(e => e.Route == "/poison") };
        var worker = Worker(store, new WorkerOptions());
        await EnqueueAsync("a", "/ok");
        await EnqueueAsync("b", "/poison");
        await EnqueueAsync("c", "/ok");

        await worker.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(["a", "c"], store.Written.Select(e => e.Id).Order());
        var dead = Assert.Single(_queue.DeadLetters());
        Assert.Contains("refused", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(["b"], IdsIn(dead.Entry.Raw));
        Assert.Equal(0, (await _queue.StatsAsync(CancellationToken.None)).Length);
    }

    [Fact]
    public async Task AStoreOutage_NeverDeadLetters_HoldsTheEntries_AndWritesThemWhenTheStoreReturns()
    {
        var store = new ScriptedStore { Out = true };
        var worker = Worker(store, new WorkerOptions { MaxDeliveries = 2, ClaimAfter = TimeSpan.Zero });
        await EnqueueAsync("a", "/ok");

        for (var round = 0; round < 10; round++)
        {
            Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        }

        Assert.Empty(_queue.DeadLetters());
        Assert.Equal(1, worker.HeldEntries);
        store.Out = false;
        Assert.Equal(1, await worker.DrainOnceAsync(CancellationToken.None));
        Assert.Equal("a", Assert.Single(store.Written).Id);
        Assert.Equal(0, (await _queue.StatsAsync(CancellationToken.None)).Length);
    }

    [Fact]
    public async Task DuringAnOutage_TheRetrySpacingDoublesUpToMaxFailureBackoff()
    {
        var store = new ScriptedStore { Out = true };
        var worker = Worker(store, new WorkerOptions { MaxFailureBackoff = TimeSpan.FromMilliseconds(800), ClaimAfter = TimeSpan.FromSeconds(2) });
        await EnqueueAsync("a", "/ok");

        await using (Run(worker))
        {
            await Wait.UntilAsync(() => Task.FromResult(store.Attempts.Count >= 8), TimeSpan.FromSeconds(20), () => $"{store.Attempts.Count} attempts");
        }

        var gaps = store.Attempts.Zip(store.Attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        // 100, 200, 400, 800, 800, ...: each gap at least its back-off (never the 100 ms of a reset back-off), and
        // the later ones at the cap (uncapped their median would be 3.2 s or more). Upper bounds use the median: a loaded
        // test machine delays single timers.
        Assert.True(gaps[0] >= 90 && gaps[1] >= 190 && gaps[2] >= 390, string.Join(", ", gaps));
        Assert.All(gaps.Skip(3), gap => Assert.True(gap >= 790, string.Join(", ", gaps)));
        Assert.InRange(gaps.Skip(3).Order().ElementAt((gaps.Count - 3) / 2), 790, 2000);
        Assert.Empty(_queue.DeadLetters());
    }

    [Fact]
    public async Task AnEntryThatFailsUnexpectedly_IsIsolatedAfterMaxDeliveries_AndOnlyItIsDeadLettered()
    {
        var store = new ScriptedStore { Fail = events => events.Any(e => e.Route == "/bug") };
        var worker = Worker(store, new WorkerOptions { MaxDeliveries = 3, ClaimAfter = TimeSpan.Zero, MaxFailureBackoff = TimeSpan.Zero });
        await EnqueueAsync("a", "/ok");
        await EnqueueAsync("b", "/bug");

        for (var round = 0; round < 5; round++)
        {
            await worker.DrainOnceAsync(CancellationToken.None);
        }

        Assert.Equal("a", Assert.Single(store.Written).Id);
        Assert.Equal(["b"], IdsIn(Assert.Single(_queue.DeadLetters()).Entry.Raw));
        Assert.Equal(0, (await _queue.StatsAsync(CancellationToken.None)).Length);
    }

    [Fact]
    public async Task ARunningWorker_ClaimsADeadConsumersEntries_WithinClaimAfter()
    {
        var store = new ScriptedStore();
        var claimAfter = TimeSpan.FromSeconds(1);
        var worker = Worker(store, new WorkerOptions { ClaimAfter = claimAfter });
        await using (Run(worker))
        {
            await Task.Delay(1500); // the worker has polled for a while: its claim clock must not be reset by polling
            await EnqueueAsync("a", "/ok");
            await EnqueueAsync("b", "/ok");
            await Wait.UntilAsync(() => Task.FromResult(store.Written.Count == 2), TimeSpan.FromSeconds(5), () => "not drained");

            await EnqueueAsync("c", "/ok");
            var stolen = await _queue.ReadNewAsync("dead-worker", 10, CancellationToken.None);
            Assert.Single(stolen);
            var clock = Stopwatch.StartNew();
            await Wait.UntilAsync(() => Task.FromResult(store.Written.Count == 3), TimeSpan.FromSeconds(10), () => "the dead consumer's entry was not claimed");
            // 1.25 × ClaimAfter by design; the rest is slack for a loaded machine. The old bug never claimed at all.
            Assert.True(clock.Elapsed < claimAfter * 2 + TimeSpan.FromSeconds(1), $"claimed after {clock.Elapsed}");
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private IngestWorker Worker(IAnalyticsStore store, WorkerOptions options) =>
        new(_queue, store, Options.Create(options), new SentinelMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<IngestWorker>.Instance, TimeProvider.System);

    /// <summary>Runs the worker until disposed, as a drain job's run or the hosted drain does.</summary>
    private static Running Run(IngestWorker worker) => new(worker);

    /// <summary>The event ids in a queue entry's raw bytes: what a dead letter keeps.</summary>
    private static List<string> IdsIn(byte[]? raw) =>
        QueuedBatchCodec.TryDecode(raw)!.Rows.ToEvents().Select(e => e.Id).ToList();

    private Task<TimeSpan?> EnqueueAsync(string id, string route)
    {
        var project = Guid.NewGuid();
        var json = System.Text.Encoding.UTF8.GetBytes($$"""[{"id":"{{id}}","timestamp":0,"method":"GET","host":"h","path":"{{route}}","route":"{{route}}","status":200,"durationMs":1}]""");
        return _queue.EnqueueAsync(new QueuedBatch(project, ApiEventReader.ForQueuedEvents.ReadQueuedRows(json, project)!), Guid.NewGuid(), CancellationToken.None);
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Running(IngestWorker worker) => _run = Task.Run(() => worker.RunAsync(_stop.Token));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    /// <summary>A store whose answers the test sets: refuse some rows, be out, or fail with an unexpected error.</summary>
    private sealed class ScriptedStore : IAnalyticsStore
    {
        private readonly Lock _lock = new();

        public Func<IReadOnlyList<ApiEvent>, bool> Refuse { get; init; } = _ => false;

        public Func<IReadOnlyList<ApiEvent>, bool> Fail { get; init; } = _ => false;

        public bool Out { get; set; }

        public List<ApiEvent> Written { get; } = [];

        public List<DateTime> Attempts { get; } = [];

        public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(ApiEventRows rows, CancellationToken cancellationToken)
        {
            var events = rows.ToEvents();
            lock (_lock)
            {
                Attempts.Add(DateTime.UtcNow);
                if (Out)
                {
                    throw new AnalyticsStoreUnavailableException("The store is down.");
                }

                if (Refuse(events))
                {
                    throw new AnalyticsStoreRefusedException("Bad rows.");
                }

                if (Fail(events))
                {
                    throw new FormatException("A bug.");
                }

                Written.AddRange(events);
            }

            return Task.CompletedTask;
        }

        public Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProjectTrafficBucket>> TrafficAsync(TrafficOverviewQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
