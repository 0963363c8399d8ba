using System.Globalization;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Statistics;
using Sentinel.Infrastructure.Redis;
using Sentinel.Infrastructure.Trust.Replay;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// Live sessions in Redis, shared by every host. Keys (after the deployment's prefix): <c>trust:s:{project}:{session}</c>
/// a hash (v, s, m) with the session TTL; <c>trust:raw:…</c> the bounded raw sample; <c>trust:idle</c> the sessions by
/// last batch; <c>trust:new:{key}:{second}</c> new-session counters; <c>trust:fp:…</c> and <c>trust:lsh:…</c> the
/// replay catalog, expiring after <see cref="TrustOptions.ReplayRetention"/>.
/// </summary>
public sealed class RedisTrustSessionStore(RedisConnection redis, IOptions<TrustOptions> options, TimeProvider time) : ITrustSessionStore
{
    private static readonly RedisValue[] SessionFields = ["v", "s", "m"];
    private readonly string _prefix = redis.KeyPrefix + "trust:";

    public Task<StoredSession?> ReadAsync(TrustSessionKey key, CancellationToken cancellationToken) => Guard(async () =>
    {
        var values = await redis.Database.HashGetAsync(SessionKey(key), SessionFields);
        if (values[0].IsNull || values[1].IsNull || values[2].IsNull)
        {
            return null;
        }

        return new StoredSession((long)values[0], (byte[])values[1]!, TrustJson.DeserializeMeta((byte[])values[2]!));
    });

    public Task<WriteResult> TryWriteAsync(TrustSessionKey key, long expectedVersion, byte[] state, SessionMeta meta, byte[]? rawChunk, string rateKey, CancellationToken cancellationToken) => Guard(async () =>
    {
        var settings = options.Value;
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var result = (long)await redis.Database.ScriptEvaluateAsync(RedisTrustScripts.CompareAndSet, new
        {
            session = (RedisKey)SessionKey(key),
            index = (RedisKey)(_prefix + "idle"),
            counter = (RedisKey)$"{_prefix}new:{rateKey}:{second}",
            raw = (RedisKey)RawKey(key),
            expected = expectedVersion.ToString(CultureInfo.InvariantCulture),
            state,
            meta = TrustJson.Serialize(meta),
            ttl = (long)settings.SessionTtl.TotalMilliseconds,
            member = key.Qualified,
            lastSeen = UnixMs(meta.LastSeen),
            rate = settings.NewSessionsPerKeyPerSecond,
            chunk = rawChunk ?? [],
            keep = Math.Max(1, settings.RawSampleBatches),
        });
        return result switch
        {
            -1 => WriteResult.Conflict,
            -2 => WriteResult.TooManyNewSessions,
            _ => WriteResult.Written,
        };
    });

    public Task<IReadOnlyList<(TrustSessionKey Key, DateTime LastSeen)>> IdleSessionsAsync(DateTime before, int max, CancellationToken cancellationToken) => Guard(async () =>
    {
        var entries = await redis.Database.SortedSetRangeByScoreWithScoresAsync(
            _prefix + "idle", double.NegativeInfinity, UnixMs(before), Exclude.None, Order.Ascending, 0, max);
        IReadOnlyList<(TrustSessionKey, DateTime)> idle = entries
            .Select(e => (Key: TrustSessionKey.Parse(e.Element.ToString()), LastSeen: DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score).UtcDateTime))
            .Where(e => e.Key is not null)
            .Select(e => (e.Key!.Value, e.LastSeen))
            .ToList();
        return idle;
    });

    public Task<IReadOnlyList<(TrustSessionKey Key, SessionMeta Meta)>> RecentSessionsAsync(DateTime since, int max, CancellationToken cancellationToken) => Guard(async () =>
    {
        // The idle index holds every unfinished session by its last batch: the newest of them, then their meta in one pipelined round.
        var members = await redis.Database.SortedSetRangeByScoreAsync(_prefix + "idle", UnixMs(since), double.PositiveInfinity, Exclude.None, Order.Descending, 0, max);
        var keys = members.Select(m => TrustSessionKey.Parse(m.ToString())).OfType<TrustSessionKey>().ToList();
        var batch = redis.Database.CreateBatch();
        var reads = keys.Select(k => batch.HashGetAsync(SessionKey(k), "m")).ToList();
        batch.Execute();
        await Task.WhenAll(reads);
        IReadOnlyList<(TrustSessionKey, SessionMeta)> recent = keys.Zip(reads)
            .Where(r => !r.Second.Result.IsNull)
            .Select(r => (r.First, TrustJson.DeserializeMeta((byte[])r.Second.Result!)))
            .ToList();
        return recent;
    });

    public Task<bool> ClaimIdleAsync(TrustSessionKey key, DateTime lastSeen, CancellationToken cancellationToken) => Guard(async () =>
        (long)await redis.Database.ScriptEvaluateAsync(RedisTrustScripts.ClaimIdle, new
        {
            index = (RedisKey)(_prefix + "idle"),
            member = key.Qualified,
            lastSeen = UnixMs(lastSeen),
        }) == 1);

    public Task<IReadOnlyList<byte[]>> RawSampleAsync(TrustSessionKey key, CancellationToken cancellationToken) => Guard(async () =>
    {
        IReadOnlyList<byte[]> chunks = (await redis.Database.ListRangeAsync(RawKey(key))).Select(v => (byte[])v!).ToList();
        return chunks;
    });

    public Task<IReplayCatalog> ReplayCandidatesAsync(MinHashSketch? trajectories, MinHashSketch? rhythm, CancellationToken cancellationToken) => Guard(async () =>
    {
        var catalog = new InMemoryReplayCatalog(options.Value.ReplayCandidates * 2);
        var buckets = (trajectories is null ? [] : Fingerprints.Buckets(trajectories, 't'))
            .Concat(rhythm is null ? [] : Fingerprints.Buckets(rhythm, 'r'))
            .Select(b => (RedisKey)(_prefix + "lsh:" + b))
            .ToArray();
        if (buckets.Length == 0)
        {
            return (IReplayCatalog)catalog;
        }

        var found = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
            RedisTrustScripts.ReplayCandidates, buckets, [options.Value.ReplayCandidates, _prefix + "fp:"]))!;
        for (var i = 0; i + 1 < found.Length; i += 2)
        {
            catalog.Add(Fingerprints.Deserialize(found[i].ToString(), (byte[])found[i + 1]!));
        }

        return catalog;
    });

    public Task AddFingerprintAsync(SessionFingerprint fingerprint, CancellationToken cancellationToken) => Guard(async () =>
    {
        var settings = options.Value;
        var keys = new List<RedisKey> { _prefix + "fp:" + fingerprint.SessionId };
        keys.AddRange(Fingerprints.Buckets(fingerprint.Trajectories, 't').Concat(Fingerprints.Buckets(fingerprint.Rhythm, 'r')).Select(b => (RedisKey)(_prefix + "lsh:" + b)));
        await redis.Database.ScriptEvaluateAsync(
            RedisTrustScripts.AddFingerprint,
            [.. keys],
            [fingerprint.SessionId, Fingerprints.Serialize(fingerprint), (long)settings.ReplayRetention.TotalMilliseconds, settings.ReplayBucketSize]);
        return true;
    });

    private string SessionKey(TrustSessionKey key) => _prefix + "s:" + key.Qualified;

    private string RawKey(TrustSessionKey key) => _prefix + "raw:" + key.Qualified;

    private static long UnixMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Any Redis failure (no connection, timeout, server error while loading) becomes one exception: answer CHALLENGE.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RedisException e)
        {
            throw new TrustStateUnavailableException("The session state store (Redis) is unavailable.", e);
        }
        catch (TimeoutException e)
        {
            throw new TrustStateUnavailableException("The session state store (Redis) timed out.", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new TrustStateUnavailableException("The session state store (Redis) connection is closed.", e);
        }
    }
}
