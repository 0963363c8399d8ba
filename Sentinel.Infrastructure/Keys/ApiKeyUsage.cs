using System.Collections.Concurrent;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Last-used times kept in memory and written to the database in one pass per minute by
/// <see cref="ApiKeyUsageFlusher"/>, so authentication never writes to the database.
/// </summary>
public sealed class ApiKeyUsage
{
    private ConcurrentDictionary<Guid, DateTime> _pending = new();

    public void Record(Guid keyId, DateTime utcNow) =>
        _pending.AddOrUpdate(keyId, utcNow, (_, previous) => previous > utcNow ? previous : utcNow);

    /// <summary>Takes everything recorded so far; what is recorded afterwards goes to the next flush.</summary>
    public IReadOnlyDictionary<Guid, DateTime> Drain() => Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTime>());
}
