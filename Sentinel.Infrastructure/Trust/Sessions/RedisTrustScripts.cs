using StackExchange.Redis;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>The Lua scripts of the Redis session store; each runs atomically on the server.</summary>
internal static class RedisTrustScripts
{
    /// <summary>
    /// Compare-and-set of a session (hash fields v = version, s = engine state, m = meta), which also indexes it
    /// by last seen for the finalisation job, counts a new session against its key's rate and appends the raw
    /// chunk to the bounded review sample. Returns the new version, -1 on a version conflict, -2 when a
    /// new session is over the rate (nothing written).
    /// </summary>
    public static readonly LuaScript CompareAndSet = LuaScript.Prepare(
        """
        local v = redis.call('HGET', @session, 'v')
        if not v then v = '0' end
        if v ~= @expected then return -1 end
        if v == '0' then
          local n = redis.call('INCR', @counter)
          if n == 1 then redis.call('PEXPIRE', @counter, 2000) end
          if n > tonumber(@rate) then return -2 end
        end
        local nv = tonumber(v) + 1
        redis.call('HSET', @session, 'v', nv, 's', @state, 'm', @meta)
        redis.call('PEXPIRE', @session, @ttl)
        redis.call('ZADD', @index, @lastSeen, @member)
        if @chunk ~= '' then
          redis.call('RPUSH', @raw, @chunk)
          redis.call('LTRIM', @raw, -tonumber(@keep), -1)
          redis.call('PEXPIRE', @raw, @ttl)
        end
        return nv
        """);

    /// <summary>Removes an index member only if its score (last seen) is still at most the one the caller saw.</summary>
    public static readonly LuaScript ClaimIdle = LuaScript.Prepare(
        """
        local s = redis.call('ZSCORE', @index, @member)
        if s and tonumber(s) <= tonumber(@lastSeen) then
          redis.call('ZREM', @index, @member)
          return 1
        end
        return 0
        """);

    /// <summary>
    /// Replay candidates: counts, over the LSH bucket lists in KEYS, how often each session appears (= shared MinHash
    /// minima, an estimate of the Jaccard similarity) and returns the best ARGV[1] as id, fingerprint pairs.
    /// </summary>
    public const string ReplayCandidates =
        """
        local counts = {}
        for i = 1, #KEYS do
          local members = redis.call('LRANGE', KEYS[i], 0, -1)
          for j = 1, #members do counts[members[j]] = (counts[members[j]] or 0) + 1 end
        end
        local ranked = {}
        for id, c in pairs(counts) do ranked[#ranked + 1] = { id, c } end
        table.sort(ranked, function(a, b) return a[2] > b[2] end)
        local out = {}
        for i = 1, math.min(#ranked, tonumber(ARGV[1])) do
          local fp = redis.call('GET', ARGV[2] .. ranked[i][1])
          if fp then
            out[#out + 1] = ranked[i][1]
            out[#out + 1] = fp
          end
        end
        return out
        """;

    /// <summary>Adds a fingerprint: KEYS[1] its value key, KEYS[2..] its buckets. ARGV: id, bytes, ttl ms, bucket size.</summary>
    public const string AddFingerprint =
        """
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        for i = 2, #KEYS do
          redis.call('LPUSH', KEYS[i], ARGV[1])
          redis.call('LTRIM', KEYS[i], 0, tonumber(ARGV[4]) - 1)
          redis.call('PEXPIRE', KEYS[i], ARGV[3])
        end
        return #KEYS - 1
        """;
}
