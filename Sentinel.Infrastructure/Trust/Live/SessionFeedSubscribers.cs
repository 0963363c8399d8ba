namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>This host's subscribers: a copy-on-write array, so delivering never takes a lock and one subscriber's failure never reaches another.</summary>
internal sealed class SessionFeedSubscribers
{
    private Action<SessionChange>[] _handlers = [];
    private readonly Lock _lock = new();

    public int Count => Volatile.Read(ref _handlers).Length;

    public IDisposable Add(Action<SessionChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <returns>How many handlers threw.</returns>
    public int Deliver(SessionChange change)
    {
        var failed = 0;
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(change);
            }
            catch (Exception)
            {
                // A page's handler failing (say, its circuit is going away) must not stop the others nor the publisher.
                failed++;
            }
        }

        return failed;
    }

    private void Remove(Action<SessionChange> handler)
    {
        lock (_lock)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(SessionFeedSubscribers owner, Action<SessionChange> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(handler);
            }
        }
    }
}
