using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>A fixed one-second window per key in Redis (INCR and expiry in one script), shared by every host.</summary>
public sealed class RedisIngestRateLimiter(RedisConnection redis, IOptions<IngestOptions> options, TimeProvider time) : IIngestRateLimiter
{
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], 2000) end
        return count
        """;

    public async Task<TimeSpan?> TryAcquireAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var second = now / 1000;
        RedisResult count;
        try
        {
            count = await redis.Database.ScriptEvaluateAsync(CountScript, [$"{redis.KeyPrefix}rate:{keyId:N}:{second}"]);
        }
        catch (Exception exception) when (exception is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new IngestQueueUnavailableException("Redis cannot be reached: " + exception.Message, exception);
        }

        return (long)count <= options.Value.BatchesPerKeyPerSecond ? null : TimeSpan.FromMilliseconds(1000 - (now % 1000));
    }
}
