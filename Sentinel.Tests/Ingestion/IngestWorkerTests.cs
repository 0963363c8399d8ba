using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Tests.Ingestion;

/// <summary>The worker's retry and dead-letter rules, on the in-process queue with a store that refuses every write.</summary>
public sealed class IngestWorkerTests
{
    [Fact]
    public async Task AnEntryThatKeepsFailing_IsTriedMaxDeliveriesTimes_ThenDeadLettered()
    {
        var queue = new InProcessIngestQueue(Options.Create(new IngestOptions()), TimeProvider.System);
        var store = new RefusingStore();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var worker = new IngestWorker(
            queue,
            store,
            Options.Create(new WorkerOptions { ClaimAfter = TimeSpan.Zero, MaxDeliveries = 3 }),
            new SentinelMetrics(services.GetRequiredService<IMeterFactory>()),
            NullLogger<IngestWorker>.Instance);
        await queue.EnqueueAsync(new QueuedBatch(Guid.NewGuid(), """[{"id":"a","timestamp":0,"method":"GET","host":"h","path":"/","status":200,"durationMs":1}]"""u8.ToArray()), Guid.NewGuid(), CancellationToken.None);

        for (var round = 0; round < 4; round++)
        {
            Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        }

        Assert.Equal(3, store.Attempts);
        var dead = Assert.Single(queue.DeadLetters());
        Assert.Contains("after 3 deliveries", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await queue.StatsAsync(CancellationToken.None)).Length);
    }

    private sealed class RefusingStore : IAnalyticsStore
    {
        public int Attempts { get; private set; }

        public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(IReadOnlyList<ApiEvent> events, CancellationToken cancellationToken)
        {
            Attempts++;
            throw new InvalidOperationException("The store refuses this batch.");
        }

        public Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
