using System.Collections.Concurrent;
using System.Globalization;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Last-used times, recorded without a database write on the request path and written to the database once a
/// minute by the recurring job <c>api-keys-last-used</c> (<see cref="KeyUsageFlushJob"/>). With Redis every host
/// records into one hash (at most once per key per host every <see cref="PushEvery"/>, fire-and-forget), so the job
/// can run on any host; embedded, they stay in this process.
/// </summary>
public sealed class ApiKeyUsage(RedisConnection? redis = null)
{
    /// <summary>How stale a recorded last-used time may be, in exchange for one Redis write per key per host per interval.</summary>
    public static readonly TimeSpan PushEvery = TimeSpan.FromSeconds(10);

    // Keeps the later time: hosts push in any order.
    private const string MaxScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if not current or tonumber(current) < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
        """;

    private const string DrainScript = """
        local all = redis.call('HGETALL', KEYS[1])
        redis.call('DEL', KEYS[1])
        return all
        """;

    private readonly ConcurrentDictionary<Guid, DateTime> _pushed = new();
    private ConcurrentDictionary<Guid, DateTime> _pending = new();

    /// <summary>True when the times are recorded in Redis, shared by every host.</summary>
    public bool UsesRedis => redis is not null;

    private RedisKey HashKey => redis!.KeyPrefix + "keys:last-used";

    public void Record(Guid keyId, DateTime utcNow)
    {
        if (redis is null)
        {
            _pending.AddOrUpdate(keyId, utcNow, (_, previous) => previous > utcNow ? previous : utcNow);
            return;
        }

        if (_pushed.TryGetValue(keyId, out var last) && utcNow - last < PushEvery)
        {
            return;
        }

        _pushed[keyId] = utcNow;
        try
        {
            redis.Database.ScriptEvaluate(MaxScript, [HashKey], [keyId.ToString("N"), utcNow.Ticks], CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Last-used is informational: a key used while Redis is down is recorded at its next use.
            _pushed.TryRemove(keyId, out _);
        }
    }

    /// <summary>Takes everything recorded so far (by every host, with Redis); what is recorded afterwards goes to the next flush.</summary>
    public async Task<IReadOnlyDictionary<Guid, DateTime>> DrainAsync()
    {
        if (redis is null)
        {
            return Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTime>());
        }

        var fields = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(DrainScript, [HashKey]))!;
        var drained = new Dictionary<Guid, DateTime>(fields.Length / 2);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            if (Guid.TryParseExact((string?)fields[i], "N", out var keyId)
                && long.TryParse((string?)fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                drained[keyId] = new DateTime(ticks, DateTimeKind.Utc);
            }
        }

        return drained;
    }
}
