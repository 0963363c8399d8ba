using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Redis;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// The contract of <see cref="IIngestQueue"/>, run unchanged against the embedded queue and against the Redis queue
/// on a real redis-server: the embedded mode must behave like production, not like a simpler cousin of it.
/// Time is a manual clock for both (the Redis queue reads the host's clock for rates and ages); idle times for
/// claims are measured by Redis itself, so tests that need an entry to go stale also really wait.
/// </summary>
public sealed class QueueContractTests
{
    public static TheoryData<string> Queues => new() { InProcess, Redis };

    public static TheoryData<string, int> QueuesAndRates => new()
    {
        { InProcess, 1 },
        { Redis, 1 },
        { InProcess, 7 },
        { Redis, 7 },
    };

    private const string InProcess = "in-process";
    private const string Redis = "redis";
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task NewEntries_AreDeliveredOnce_InOrder_WithTheirBytes(string kind)
    {
        await using var queue = await QueueAsync(kind);
        var batches = Enumerable.Range(0, 3).Select(Batch).ToList();
        foreach (var batch in batches)
        {
            Assert.Null(await queue.Queue.EnqueueAsync(batch, Guid.NewGuid(), default));
        }

        var first = await queue.Queue.ReadNewAsync("a", 2, default);
        var second = await queue.Queue.ReadNewAsync("b", 10, default);
        var third = await queue.Queue.ReadNewAsync("a", 10, default);

        Assert.Equal(2, first.Count);
        Assert.Single(second);
        Assert.Empty(third);
        var all = first.Concat(second).ToList();
        Assert.Equal(batches.Select(Text), all.Select(e => Text(e.Batch!)));
        Assert.All(all, entry => Assert.Equal(1, entry.Deliveries));
        Assert.All(all, entry => Assert.NotNull(entry.Raw));
        Assert.Equal(3, all.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task PendingEntries_AreClaimedOnlyOnceStale_AndEachClaimCountsADelivery(string kind)
    {
        await using var queue = await QueueAsync(kind);
        await queue.Queue.EnqueueAsync(Batch(1), Guid.NewGuid(), default);
        await queue.Queue.EnqueueAsync(Batch(2), Guid.NewGuid(), default);
        var read = await queue.Queue.ReadNewAsync("dead-worker", 10, default);

        var fresh = await queue.Queue.ClaimStaleAsync("rescuer", Long, 10, default);
        var claimed = await queue.Queue.ClaimStaleAsync("rescuer", TimeSpan.Zero, 10, default);
        var again = await queue.Queue.ClaimStaleAsync("another", TimeSpan.Zero, 1, default);

        Assert.Equal(2, read.Count);
        Assert.Empty(fresh);
        Assert.Equal(read.Select(e => e.Id), claimed.Select(e => e.Id));
        Assert.All(claimed, entry => Assert.Equal(2, entry.Deliveries));
        Assert.Equal(Text(Batch(1)), Text(claimed[0].Batch!));
        var one = Assert.Single(again);
        Assert.Equal(read[0].Id, one.Id);
        Assert.Equal(3, one.Deliveries);
        Assert.Empty(await queue.Queue.ReadNewAsync("a", 10, default));
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Renewing_KeepsAnEntryFromGoingStale_WithoutCountingADelivery(string kind)
    {
        await using var queue = await QueueAsync(kind);
        await queue.Queue.EnqueueAsync(Batch(1), Guid.NewGuid(), default);
        var entry = Assert.Single(await queue.Queue.ReadNewAsync("holder", 1, default));
        var idle = TimeSpan.FromSeconds(1);

        // Margins of several hundred milliseconds on each side, for a loaded machine.
        await queue.PassAsync(idle * 1.5);
        await queue.Queue.RenewAsync("holder", [entry.Id], default);
        await queue.PassAsync(idle * 0.3);
        var whileHeld = await queue.Queue.ClaimStaleAsync("rescuer", idle, 10, default);
        await queue.PassAsync(idle);
        var afterHolderStopped = await queue.Queue.ClaimStaleAsync("rescuer", idle, 10, default);

        Assert.Empty(whileHeld);
        var claimed = Assert.Single(afterHolderStopped);
        Assert.Equal(entry.Id, claimed.Id);
        Assert.Equal(2, claimed.Deliveries);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task AcknowledgedAndDeadLetteredEntries_LeaveTheQueue(string kind)
    {
        await using var queue = await QueueAsync(kind);
        for (var i = 0; i < 4; i++)
        {
            await queue.Queue.EnqueueAsync(Batch(i), Guid.NewGuid(), default);
        }

        var read = await queue.Queue.ReadNewAsync("w", 3, default);
        await queue.Queue.AcknowledgeAsync([read[0].Id, read[1].Id], default);
        await queue.Queue.DeadLetterAsync(read[2], "cannot be decoded", default);
        var stats = await queue.Queue.StatsAsync(default);
        var stale = await queue.Queue.ClaimStaleAsync("rescuer", TimeSpan.Zero, 10, default);
        var rest = await queue.Queue.ReadNewAsync("w", 10, default);

        Assert.Equal(new QueueStats(1, 0, 1, stats.OldestAge), stats);
        Assert.Empty(stale);
        Assert.Equal(Text(Batch(3)), Text(Assert.Single(rest).Batch!));
        await queue.Queue.AcknowledgeAsync([], default);
        await queue.Queue.AcknowledgeAsync([rest[0].Id], default);
        Assert.Equal(new QueueStats(0, 0, 1, TimeSpan.Zero), await queue.Queue.StatsAsync(default));
    }

    [Theory]
    [MemberData(nameof(QueuesAndRates))]
    public async Task TheRatePerKey_AllowsExactlyTheLimitPerSecond_AndSaysHowLongToWait(string kind, int limit)
    {
        await using var queue = await QueueAsync(kind, new IngestOptions { BatchesPerKeyPerSecond = limit });
        var key = Guid.NewGuid();
        var other = Guid.NewGuid();
        queue.Time.SetToNextSecond(plus: TimeSpan.FromMilliseconds(300));

        var within = new List<TimeSpan?>();
        for (var i = 0; i < limit; i++)
        {
            within.Add(await queue.Queue.EnqueueAsync(Batch(i), key, default));
        }

        var over = await queue.Queue.EnqueueAsync(Batch(100), key, default);
        var otherKey = await queue.Queue.EnqueueAsync(Batch(101), other, default);
        queue.Time.Advance(TimeSpan.FromMilliseconds(600));
        var stillOver = await queue.Queue.EnqueueAsync(Batch(102), key, default);
        queue.Time.Advance(TimeSpan.FromMilliseconds(100));
        var nextSecond = await queue.Queue.EnqueueAsync(Batch(103), key, default);

        Assert.All(within, wait => Assert.Null(wait));
        Assert.Equal(TimeSpan.FromMilliseconds(700), over);
        Assert.Null(otherKey);
        Assert.Equal(TimeSpan.FromMilliseconds(100), stillOver);
        Assert.Null(nextSecond);
        Assert.Equal(limit + 2, (await queue.Queue.StatsAsync(default)).Length);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task AFullQueue_RefusesWithUnavailable_AndQueuesNothing(string kind)
    {
        await using var queue = await QueueAsync(kind, new IngestOptions { MaxQueuedBatches = 2 });
        await queue.Queue.EnqueueAsync(Batch(1), Guid.NewGuid(), default);
        await queue.Queue.EnqueueAsync(Batch(2), Guid.NewGuid(), default);

        await Assert.ThrowsAsync<IngestQueueUnavailableException>(() => queue.Queue.EnqueueAsync(Batch(3), Guid.NewGuid(), default));

        Assert.Equal(2, (await queue.Queue.StatsAsync(default)).Length);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task BacklogStats_CountWaitingPendingAndDead_AndAgeTheOldestEntryNotYetWritten(string kind)
    {
        await using var queue = await QueueAsync(kind);
        Assert.Equal(new QueueStats(0, 0, 0, TimeSpan.Zero), await queue.Queue.StatsAsync(default));

        await queue.Queue.EnqueueAsync(Batch(1), Guid.NewGuid(), default);
        queue.Time.Advance(TimeSpan.FromSeconds(50));
        await queue.Queue.EnqueueAsync(Batch(2), Guid.NewGuid(), default);
        await queue.Queue.EnqueueAsync(Batch(3), Guid.NewGuid(), default);
        queue.Time.Advance(TimeSpan.FromSeconds(10));
        var waiting = await queue.Queue.StatsAsync(default);

        var read = await queue.Queue.ReadNewAsync("w", 2, default);
        var inFlight = await queue.Queue.StatsAsync(default);
        await queue.Queue.AcknowledgeAsync([read[0].Id], default);
        var oldestWritten = await queue.Queue.StatsAsync(default);
        await queue.Queue.DeadLetterAsync(read[1], "refused by the store", default);
        var oneLeft = await queue.Queue.StatsAsync(default);

        Assert.Equal(new QueueStats(3, 0, 0, TimeSpan.FromSeconds(60)), waiting);
        Assert.Equal(new QueueStats(3, 2, 0, TimeSpan.FromSeconds(60)), inFlight);
        Assert.Equal(new QueueStats(2, 1, 0, TimeSpan.FromSeconds(10)), oldestWritten);
        Assert.Equal(new QueueStats(1, 0, 1, TimeSpan.FromSeconds(10)), oneLeft);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task DeadLetters_KeepTheirBytesAndReason_AndCanBeRedrivenOrDiscardedOnce(string kind)
    {
        await using var queue = await QueueAsync(kind);
        await queue.Queue.EnqueueAsync(Batch(1), Guid.NewGuid(), default);
        await queue.Queue.EnqueueAsync(Batch(2), Guid.NewGuid(), default);
        var read = await queue.Queue.ReadNewAsync("w", 2, default);
        await queue.Queue.DeadLetterAsync(read[0], "refused by the store", default);
        await queue.Queue.DeadLetterAsync(read[1], "cannot be decoded", default);

        var dead = await queue.Queue.DeadLettersAsync(10, default);
        var redriven = await queue.Queue.RedriveAsync(dead[0].Id, default);
        var redrivenAgain = await queue.Queue.RedriveAsync(dead[0].Id, default);
        var discarded = await queue.Queue.DiscardAsync(dead[1].Id, default);
        var discardedAgain = await queue.Queue.DiscardAsync(dead[1].Id, default);
        var back = await queue.Queue.ReadNewAsync("w", 10, default);

        Assert.Equal([read[0].Id, read[1].Id], dead.Select(d => d.EntryId));
        Assert.Equal(["refused by the store", "cannot be decoded"], dead.Select(d => d.Reason));
        Assert.Equal(Text(Batch(1)), Text(QueuedBatchCodec.TryDecode(dead[0].Raw)!));
        Assert.True(redriven);
        Assert.False(redrivenAgain);
        Assert.True(discarded);
        Assert.False(discardedAgain);
        var again = Assert.Single(back);
        Assert.Equal(Text(Batch(1)), Text(again.Batch!));
        Assert.Equal(1, again.Deliveries);
        Assert.Equal(new QueueStats(1, 1, 0, TimeSpan.Zero), (await queue.Queue.StatsAsync(default)) with { OldestAge = TimeSpan.Zero });
    }

    private static QueuedBatch Batch(int i)
    {
        var project = new Guid(i, 0, 0, new byte[8]);
        var events = TestEvents.AsStored(TestEvents.Generate(1, seed: i, new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc)), project);
        return new(project, ApiEventRows.From(events));
    }

    private static string Text(QueuedBatch batch) => $"{batch.ProjectId}:{batch.Rows.Count}:{Convert.ToHexString(batch.Rows.Bytes.Span)}";

    private static async Task<QueueUnderTest> QueueAsync(string kind, IngestOptions? options = null)
    {
        var time = new ManualTime();
        var settings = Options.Create(options ?? new IngestOptions());
        if (kind == InProcess)
        {
            var inProcess = new InProcessIngestQueue(settings, time);
            return new QueueUnderTest(inProcess, time, () => { });
        }

        var server = await TestServers.RedisAsync();
        var connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = server.Configuration, KeyPrefix = RedisServer.NewKeyPrefix() }));
        return new QueueUnderTest(new RedisIngestQueue(connection, settings, time), time, connection.Dispose);
    }

    /// <summary>A queue, its clock and what to release afterwards.</summary>
    private sealed class QueueUnderTest(IIngestQueue queue, ManualTime time, Action dispose) : IAsyncDisposable
    {
        public IIngestQueue Queue => queue;

        public ManualTime Time => time;

        /// <summary>Lets <paramref name="span"/> pass on the manual clock and for real (Redis measures idle times itself).</summary>
        public async Task PassAsync(TimeSpan span)
        {
            await Task.Delay(span);
            time.Advance(span);
        }

        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A clock that starts at the real time (whole milliseconds, as Redis keeps times) and moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan span) => _now += span;

        public void SetToNextSecond(TimeSpan plus) =>
            _now = DateTimeOffset.FromUnixTimeMilliseconds(((_now.ToUnixTimeMilliseconds() / 1000) + 1) * 1000) + plus;
    }
}
