using System.Collections.Concurrent;

namespace Sentinel.Web.Ingestion;

/// <summary>
/// Keys this host has just seen over their rate, until their window ends. The rate is counted when a batch is
/// queued (one Redis round trip for both), so without this memo a key over its limit would still have every body
/// read and checked before its 429; with it, only the first request past the limit costs that much.
/// </summary>
internal sealed class RateLimitedKeys(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _until = new();

    /// <summary>How long the key still has to wait, or null when this host knows of no limit on it.</summary>
    public TimeSpan? WaitFor(Guid keyId)
    {
        if (!_until.TryGetValue(keyId, out var until))
        {
            return null;
        }

        var left = until - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        _until.TryRemove(KeyValuePair.Create(keyId, until));
        return null;
    }

    public void Limited(Guid keyId, TimeSpan wait) => _until[keyId] = time.GetUtcNow() + wait;
}
