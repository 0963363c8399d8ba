using System.Globalization;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// The production queue: one Redis stream entry per accepted batch, read through the consumer group <c>workers</c>.
/// Acknowledged entries are deleted at once (XACK + XDEL in one script), so the stream holds only work not yet done
/// and its length is the backlog; enqueueing refuses past <see cref="IngestOptions.MaxQueuedBatches"/>, which bounds
/// Redis memory without ever trimming unprocessed work. Run Redis with <c>appendonly yes</c>: the stream is the
/// only copy of accepted events until they are drained.
/// </summary>
public sealed class RedisIngestQueue : IIngestQueue
{
    public const string Group = "workers";

    // The key's count for this second (a fixed one-second window, shared by every host), then the backlog limit.
    // 't' is the host's clock at enqueue: the backlog's age is measured on the same clock as the rate, in both queues.
    private const string EnqueueScript = """
        local count = redis.call('INCR', KEYS[2])
        if count == 1 then redis.call('PEXPIRE', KEYS[2], 2000) end
        if count > tonumber(ARGV[3]) then return 'rate-limited' end
        if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
        return redis.call('XADD', KEYS[1], '*', 'b', ARGV[2], 't', ARGV[4])
        """;
    private const string RateLimited = "rate-limited";

    // Redis 7 has no XACKDEL (8.2): acknowledge and delete in one step so a crash between them cannot leave an
    // acknowledged entry in the stream (it would count as backlog forever).
    private const string AcknowledgeScript = """
        redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
        return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
        """;

    private const string DeadLetterScript = """
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'id', ARGV[2], 'b', ARGV[3], 'reason', ARGV[4])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('XDEL', KEYS[1], ARGV[2])
        """;

    private const string RedriveScript = """
        local entries = redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1])
        if #entries == 0 then return 0 end
        local fields = entries[1][2]
        local body = ''
        for i = 1, #fields, 2 do if fields[i] == 'b' then body = fields[i + 1] end end
        redis.call('XADD', KEYS[1], '*', 'b', body)
        return redis.call('XDEL', KEYS[2], ARGV[1])
        """;

    private const int MaxDeadLetters = 10_000;
    private static readonly RedisValue BodyField = "b";
    private static readonly RedisValue QueuedAtField = "t";
    private readonly RedisConnection _redis;
    private readonly IOptions<IngestOptions> _options;
    private readonly TimeProvider _time;
    private readonly RedisKey _stream;
    private readonly RedisKey _dead;
    private volatile bool _groupReady;

    public RedisIngestQueue(RedisConnection redis, IOptions<IngestOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _options = options;
        _time = time;
        _stream = redis.KeyPrefix + "ingest:events";
        _dead = redis.KeyPrefix + "ingest:dead";
    }

    public RedisKey StreamKey => _stream;

    public RedisKey DeadLetterKey => _dead;

    public async Task<TimeSpan?> EnqueueAsync(QueuedBatch batch, Guid keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var settings = _options.Value;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        RedisKey rateKey = $"{_redis.KeyPrefix}rate:{keyId:N}:{now / 1000}";
        var added = await Guard(() => _redis.Database.ScriptEvaluateAsync(
            EnqueueScript,
            [_stream, rateKey],
            [settings.MaxQueuedBatches, QueuedBatchCodec.Encode(batch, compress: true), settings.BatchesPerKeyPerSecond, now]));
        if (added.IsNull)
        {
            throw new IngestQueueUnavailableException($"The ingestion stream holds {settings.MaxQueuedBatches} batches, its limit; the workers are behind.");
        }

        return (string?)added == RateLimited ? TimeSpan.FromMilliseconds(1000 - (now % 1000)) : null;
    }

    public async Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync();
        var entries = await WithGroup(() => _redis.Database.StreamReadGroupAsync(_stream, Group, consumer, StreamPosition.NewMessages, count));
        return entries.Select(e => Parse(e, 1)).ToList();
    }

    /// <summary>
    /// XAUTOCLAIM from the start of the pending list, following its cursor until <paramref name="count"/> entries are
    /// claimed or the list has been walked once: stale entries may sit behind fresh ones (a live worker's), and one
    /// call looks at only about ten times COUNT of them.
    /// </summary>
    public async Task<IReadOnlyList<QueueEntry>> ClaimStaleAsync(string consumer, TimeSpan idle, int count, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync();
        var claimed = new List<StreamEntry>();
        RedisValue cursor = "0-0";
        do
        {
            var result = await WithGroup(() => _redis.Database.StreamAutoClaimAsync(
                _stream, Group, consumer, (long)idle.TotalMilliseconds, cursor, count - claimed.Count));
            claimed.AddRange(result.ClaimedEntries.Where(e => !e.IsNull));
            cursor = result.NextStartId;
        }
        while (claimed.Count < count && cursor != "0-0");

        if (claimed.Count == 0)
        {
            return [];
        }

        // XAUTOCLAIM counted this delivery; XPENDING tells how many there have been in all.
        var deliveries = new Dictionary<string, long>(claimed.Count);
        foreach (var chunk in claimed.Chunk(500))
        {
            var pending = await Guard(() => _redis.Database.StreamPendingMessagesAsync(_stream, Group, chunk.Length, consumer, chunk[0].Id, chunk[^1].Id));
            foreach (var info in pending)
            {
                deliveries[(string)info.MessageId!] = info.DeliveryCount;
            }
        }

        return claimed.Select(e => Parse(e, deliveries.GetValueOrDefault((string)e.Id!, 1))).ToList();
    }

    public async Task RenewAsync(string consumer, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > 0)
        {
            // XCLAIM ... JUSTID resets the idle time without counting a delivery.
            await Guard(() => _redis.Database.StreamClaimIdsOnlyAsync(_stream, Group, consumer, 0, ids.Select(id => (RedisValue)id).ToArray()));
        }
    }

    public async Task AcknowledgeAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        var arguments = new RedisValue[ids.Count + 1];
        arguments[0] = Group;
        var i = 1;
        foreach (var id in ids)
        {
            arguments[i++] = id;
        }

        await Guard(() => _redis.Database.ScriptEvaluateAsync(AcknowledgeScript, [_stream], arguments));
    }

    public Task DeadLetterAsync(QueueEntry entry, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = entry.Raw ?? (entry.Batch is null ? [] : QueuedBatchCodec.Encode(entry.Batch, compress: true));
        return Guard(() => _redis.Database.ScriptEvaluateAsync(DeadLetterScript, [_stream, _dead], [Group, entry.Id, body, reason, MaxDeadLetters]));
    }

    public async Task<QueueStats> StatsAsync(CancellationToken cancellationToken)
    {
        var database = _redis.Database;
        var length = Guard(() => database.StreamLengthAsync(_stream));
        var dead = Guard(() => database.StreamLengthAsync(_dead));
        var oldest = Guard(() => database.StreamRangeAsync(_stream, count: 1));
        long pending = 0;
        if (_groupReady || await Guard(() => database.KeyExistsAsync(_stream)))
        {
            try
            {
                pending = (await Guard(() => database.StreamPendingAsync(_stream, Group))).PendingMessageCount;
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                _groupReady = false;
            }
        }

        var oldestEntries = await oldest;
        var oldestAge = oldestEntries.Length == 0 ? TimeSpan.Zero : _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(QueuedAt(oldestEntries[0]));
        return new QueueStats(await length, pending, await dead, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count, CancellationToken cancellationToken)
    {
        var entries = await Guard(() => _redis.Database.StreamRangeAsync(_dead, count: count));
        return entries.Select(e => new DeadLetter(
            (string)e.Id!,
            (string?)e["id"] ?? "",
            (string?)e["reason"] ?? "",
            (byte[]?)e[BodyField] ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(TimestampOf((string)e.Id!)))).ToList();
    }

    public async Task<bool> RedriveAsync(string deadLetterId, CancellationToken cancellationToken) =>
        (long)await Guard(() => _redis.Database.ScriptEvaluateAsync(RedriveScript, [_stream, _dead], [deadLetterId])) == 1;

    public async Task<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken) =>
        await Guard(() => _redis.Database.StreamDeleteAsync(_dead, [deadLetterId])) == 1;

    private static long TimestampOf(string streamId) => long.Parse(streamId.AsSpan(0, streamId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>When the entry was queued, by the enqueueing host's clock; entries queued before that field existed by their stream id (Redis's clock).</summary>
    private static long QueuedAt(StreamEntry entry)
    {
        var queuedAt = entry[QueuedAtField];
        if (!queuedAt.IsNull && queuedAt.TryParse(out long milliseconds))
        {
            return milliseconds;
        }

        var id = (string)entry.Id!;
        return long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    private static QueueEntry Parse(StreamEntry entry, long deliveries)
    {
        var body = entry[BodyField];
        var raw = body.IsNull ? null : (byte[]?)body;
        return new QueueEntry((string)entry.Id!, QueuedBatchCodec.TryDecode(raw), deliveries, raw);
    }

    /// <summary>Creates the group (and the stream) if missing; again after Redis lost them (a restart without persistence).</summary>
    private async Task EnsureGroupAsync()
    {
        if (_groupReady)
        {
            return;
        }

        try
        {
            await Guard(() => _redis.Database.StreamCreateConsumerGroupAsync(_stream, Group, "0", createStream: true));
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        _groupReady = true;
    }

    private async Task<T> WithGroup<T>(Func<Task<T>> command)
    {
        try
        {
            return await Guard(command);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            _groupReady = false;
            await EnsureGroupAsync();
            return await Guard(command);
        }
    }

    /// <summary>Connection trouble becomes <see cref="IngestQueueUnavailableException"/>; server errors stay as they are.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception exception) when (exception is RedisConnectionException or RedisTimeoutException or TimeoutException
            || (exception is RedisServerException && exception.Message.StartsWith("LOADING", StringComparison.Ordinal)))
        {
            throw new IngestQueueUnavailableException("Redis cannot be reached: " + exception.Message, exception);
        }
    }
}
