using System.Globalization;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// The production queue: one Redis stream entry per accepted batch, read through the consumer group <c>workers</c>.
/// Acknowledged entries are deleted at once (XACK + XDEL in one script), so the stream holds only work not yet done
/// and its length is the lag; enqueueing refuses past <see cref="IngestOptions.MaxQueuedBatches"/>, which bounds
/// Redis memory without ever trimming unprocessed work. Commands go through <c>Execute</c> because
/// StackExchange.Redis 1.2.6 predates streams (ADR 004). Run Redis with <c>appendonly yes</c>: the stream is the
/// only copy of accepted events until they are drained.
/// </summary>
public sealed class RedisIngestQueue : IIngestQueue
{
    public const string Group = "workers";

    // The key's count for this second (a fixed one-second window, shared by every host), then the backlog limit.
    private const string EnqueueScript = """
        local count = redis.call('INCR', KEYS[2])
        if count == 1 then redis.call('PEXPIRE', KEYS[2], 2000) end
        if count > tonumber(ARGV[3]) then return 'rate-limited' end
        if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
        return redis.call('XADD', KEYS[1], '*', 'b', ARGV[2])
        """;
    private const string RateLimited = "rate-limited";

    private const string AcknowledgeScript = """
        redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
        return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
        """;

    private const string DeadLetterScript = """
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'id', ARGV[2], 'b', ARGV[3], 'reason', ARGV[4])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('XDEL', KEYS[1], ARGV[2])
        """;

    private const int MaxDeadLetters = 10_000;
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
            [settings.MaxQueuedBatches, QueuedBatchCodec.Encode(batch, compress: true), settings.BatchesPerKeyPerSecond]));
        if (added.IsNull)
        {
            throw new IngestQueueUnavailableException($"The ingestion stream holds {settings.MaxQueuedBatches} batches, its limit; the workers are behind.");
        }

        return (string?)added == RateLimited ? TimeSpan.FromMilliseconds(1000 - (now % 1000)) : null;
    }

    public async Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync();
        var result = await WithGroup(() => _redis.Database.ExecuteAsync("XREADGROUP", "GROUP", Group, consumer, "COUNT", count, "STREAMS", _stream.ToString(), ">"));
        if (result.IsNull)
        {
            return [];
        }

        var streams = (RedisResult[])result!;
        return streams.Length == 0 ? [] : ParseEntries((RedisResult[])((RedisResult[])streams[0]!)[1]!, _ => 1);
    }

    public async Task<IReadOnlyList<QueueEntry>> ClaimStaleAsync(string consumer, TimeSpan idle, int count, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync();
        var result = (RedisResult[])(await WithGroup(() => _redis.Database.ExecuteAsync(
            "XAUTOCLAIM", _stream.ToString(), Group, consumer, (long)idle.TotalMilliseconds, "0-0", "COUNT", count)))!;
        var claimed = (RedisResult[])result[1]!;
        if (claimed.Length == 0)
        {
            return [];
        }

        // XAUTOCLAIM counted this delivery; XPENDING tells how many there have been in all.
        var first = (string)((RedisResult[])claimed[0]!)[0]!;
        var last = (string)((RedisResult[])claimed[^1]!)[0]!;
        var pending = (RedisResult[])(await Guard(() => _redis.Database.ExecuteAsync("XPENDING", _stream.ToString(), Group, first, last, claimed.Length, consumer)))!;
        var deliveries = pending.Select(p => (RedisResult[])p!).ToDictionary(p => (string)p[0]!, p => (long)p[3]);
        return ParseEntries(claimed, id => deliveries.GetValueOrDefault(id, 1));
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
        var body = entry.Batch is null ? [] : QueuedBatchCodec.Encode(entry.Batch, compress: true);
        return Guard(() => _redis.Database.ScriptEvaluateAsync(DeadLetterScript, [_stream, _dead], [Group, entry.Id, body, reason, MaxDeadLetters]));
    }

    public async Task<QueueStats> StatsAsync(CancellationToken cancellationToken)
    {
        var database = _redis.Database;
        var length = Guard(() => database.ExecuteAsync("XLEN", _stream.ToString()));
        var dead = Guard(() => database.ExecuteAsync("XLEN", _dead.ToString()));
        var oldest = Guard(() => database.ExecuteAsync("XRANGE", _stream.ToString(), "-", "+", "COUNT", 1));
        long pending = 0;
        if (_groupReady || await database.KeyExistsAsync(_stream))
        {
            try
            {
                pending = (long)((RedisResult[])(await database.ExecuteAsync("XPENDING", _stream.ToString(), Group))!)[0];
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                _groupReady = false;
            }
        }

        var oldestEntries = (RedisResult[])(await oldest)!;
        var oldestAge = oldestEntries.Length == 0 ? TimeSpan.Zero : DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(TimestampOf((string)((RedisResult[])oldestEntries[0]!)[0]!));
        return new QueueStats((long)await length, pending, (long)await dead, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge);
    }

    private static long TimestampOf(string streamId) => long.Parse(streamId.AsSpan(0, streamId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    private static List<QueueEntry> ParseEntries(RedisResult[] entries, Func<string, long> deliveries)
    {
        var parsed = new List<QueueEntry>(entries.Length);
        foreach (var raw in entries.Select(e => (RedisResult[])e!))
        {
            var id = (string)raw[0]!;
            byte[]? body = null;
            if (!raw[1].IsNull)
            {
                var fields = (RedisResult[])raw[1]!;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                {
                    if ((string)fields[i]! == "b")
                    {
                        body = (byte[])fields[i + 1]!;
                    }
                }
            }

            parsed.Add(new QueueEntry(id, QueuedBatchCodec.TryDecode(body), deliveries(id)));
        }

        return parsed;
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
            await Guard(() => _redis.Database.ExecuteAsync("XGROUP", "CREATE", _stream.ToString(), Group, "0", "MKSTREAM"));
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        _groupReady = true;
    }

    private async Task<RedisResult> WithGroup(Func<Task<RedisResult>> command)
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
    private static async Task<RedisResult> Guard(Func<Task<RedisResult>> command)
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
