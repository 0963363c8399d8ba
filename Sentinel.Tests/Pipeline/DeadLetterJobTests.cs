using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Jobs;

namespace Sentinel.Tests.Pipeline;

/// <summary>"Redrive all" and "discard all" act on the dead letters there when they start, and end even when redriven entries fail again at once.</summary>
public sealed class DeadLetterJobTests
{
    private readonly InProcessIngestQueue _queue = new(Options.Create(new IngestOptions()), new FakeTimeProvider(DateTimeOffset.UtcNow));

    [Fact]
    public async Task DiscardAll_DeletesEveryDeadLetter()
    {
        await DeadLettersAsync(3);

        Assert.Equal("Discarded 3 dead letters.", await new DeadLetterJob(_queue).DiscardAllAsync(CancellationToken.None));
        Assert.Equal((0, 0), ((await _queue.StatsAsync(CancellationToken.None)).DeadLetters, (await _queue.StatsAsync(CancellationToken.None)).Length));
    }

    [Fact]
    public async Task RedriveAll_WhenEveryRedrivenEntryFailsAgainAtOnce_RedrivesEachOnce_AndEnds()
    {
        await DeadLettersAsync(600); // more than one read of 500: a loop that reads until a short page would never end
        var poisoned = new FailsAgainOnRedrive(_queue);

        var result = await new DeadLetterJob(poisoned).RedriveAllAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Redrove 600 dead letters.", result);
        Assert.Equal(600, (await _queue.StatsAsync(CancellationToken.None)).DeadLetters); // back, as new dead letters
    }

    private async Task DeadLettersAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _queue.EnqueueAsync(new QueuedBatch(Guid.Empty, OneEvent(Guid.Empty)), Guid.NewGuid(), CancellationToken.None);
        }

        foreach (var entry in await _queue.ReadNewAsync("worker", count, CancellationToken.None))
        {
            await _queue.DeadLetterAsync(entry, "refused", CancellationToken.None);
        }
    }

    private static ApiEventRows OneEvent(Guid project) => ApiEventRows.From([new ApiEvent
    {
        ProjectId = project, Id = "e1", Timestamp = DateTime.UtcNow, Environment = "production", Method = "GET",
        Host = "api.shop.example", Path = "/", Route = "/", Status = 200, DurationMs = 1,
    }]);

    /// <summary>The real in-process queue, with a worker that dead-letters a redriven entry before the job's next read (a poison message).</summary>
    private sealed class FailsAgainOnRedrive(InProcessIngestQueue inner) : IIngestQueue
    {
        public async Task<bool> RedriveAsync(string deadLetterId, CancellationToken cancellationToken)
        {
            var redriven = await inner.RedriveAsync(deadLetterId, cancellationToken);
            foreach (var entry in await inner.ReadNewAsync("worker", 1000, cancellationToken))
            {
                await inner.DeadLetterAsync(entry, "refused again", cancellationToken);
            }

            return redriven;
        }

        public Task<TimeSpan?> EnqueueAsync(QueuedBatch batch, Guid keyId, CancellationToken cancellationToken) => inner.EnqueueAsync(batch, keyId, cancellationToken);

        public Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count, CancellationToken cancellationToken) => inner.ReadNewAsync(consumer, count, cancellationToken);

        public Task<IReadOnlyList<QueueEntry>> ClaimStaleAsync(string consumer, TimeSpan idle, int count, CancellationToken cancellationToken) => inner.ClaimStaleAsync(consumer, idle, count, cancellationToken);

        public Task RenewAsync(string consumer, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.RenewAsync(consumer, ids, cancellationToken);

        public Task AcknowledgeAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.AcknowledgeAsync(ids, cancellationToken);

        public Task DeadLetterAsync(QueueEntry entry, string reason, CancellationToken cancellationToken) => inner.DeadLetterAsync(entry, reason, cancellationToken);

        public Task<QueueStats> StatsAsync(CancellationToken cancellationToken) => inner.StatsAsync(cancellationToken);

        public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count, CancellationToken cancellationToken) => inner.DeadLettersAsync(count, cancellationToken);

        public Task<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken) => inner.DiscardAsync(deadLetterId, cancellationToken);
    }
}
