using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>What the pipeline page shows at one moment.</summary>
/// <param name="Queue">"Redis stream" or "in-process queue".</param>
/// <param name="Stats">Null when the queue cannot be reached (then <paramref name="Problem"/> says why).</param>
public sealed record PipelineSnapshot(
    string Queue,
    QueueStats? Stats,
    IReadOnlyList<ConsumerPending> Consumers,
    IReadOnlyList<DeadLetter> DeadLetters,
    double? AcceptedPerSecond,
    double? StoredPerSecond,
    DateTimeOffset At,
    string? Problem)
{
    /// <summary>True when the rates are every host's (summed through Redis), false when they are this process's.</summary>
    public bool RatesClusterWide { get; init; }
}

/// <summary>
/// Reads the ingestion pipeline's health from the queue itself (the same source as the backlog gauges and
/// <c>/readyz</c>): stream length, pending entries per consumer with their idle time, the oldest entry's age, the
/// dead letters; and the accepted/drained rates: every host's from <see cref="ClusterPipelineRates"/> with Redis, this
/// process's from <see cref="PipelineRates"/> embedded.
/// </summary>
public sealed class PipelineHealth(IIngestQueue queue, IServiceProvider services, PipelineRates rates, TimeProvider time)
{
    public async Task<PipelineSnapshot> ReadAsync(int deadLetters, CancellationToken cancellationToken)
    {
        var cluster = services.GetService<ClusterPipelineRates>();
        var (accepted, stored) = cluster is null ? rates.Current
            : await cluster.ReadAsync(null, cancellationToken) is { } window ? (window.AcceptedPerSecond, window.StoredPerSecond) : (null, null);
        var name = queue is RedisIngestQueue ? "Redis stream" : "in-process queue";
        try
        {
            var stats = await queue.StatsAsync(cancellationToken);
            var consumers = await ConsumersAsync(cancellationToken);
            var dead = await queue.DeadLettersAsync(deadLetters, cancellationToken);
            return new PipelineSnapshot(name, stats, consumers, dead, accepted, stored, time.GetUtcNow(), null) { RatesClusterWide = cluster is not null };
        }
        catch (IngestQueueUnavailableException exception)
        {
            return new PipelineSnapshot(name, null, [], [], accepted, stored, time.GetUtcNow(), exception.Message) { RatesClusterWide = cluster is not null };
        }
    }

    private async Task<IReadOnlyList<ConsumerPending>> ConsumersAsync(CancellationToken cancellationToken)
    {
        switch (queue)
        {
            case InProcessIngestQueue inProcess:
                return inProcess.PendingByConsumer();
            case RedisIngestQueue redis:
                var database = services.GetRequiredService<RedisConnection>().Database;
                try
                {
                    // XINFO CONSUMERS lists every consumer of the group, also those holding nothing; a host that died
                    // stays listed with a growing idle time until its entries are claimed and it is deleted.
                    var consumers = await database.StreamConsumerInfoAsync(redis.StreamKey, RedisIngestQueue.Group);
                    return [.. consumers
                        .Select(c => new ConsumerPending(c.Name, c.PendingMessageCount, TimeSpan.FromMilliseconds(c.IdleTimeInMilliseconds)))
                        .OrderByDescending(c => c.Pending).ThenBy(c => c.Consumer, StringComparer.Ordinal)];
                }
                catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal) || exception.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
                {
                    return []; // nothing was ever read: no group yet
                }
                catch (Exception exception) when (exception is RedisConnectionException or RedisTimeoutException)
                {
                    throw new IngestQueueUnavailableException("Redis cannot be reached: " + exception.Message, exception);
                }

            default:
                cancellationToken.ThrowIfCancellationRequested();
                return [];
        }
    }
}
