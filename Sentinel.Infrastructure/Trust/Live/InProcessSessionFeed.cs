namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>The embedded host's feed: one process scores and shows, so a change goes straight to this host's subscribers.</summary>
public sealed class InProcessSessionFeed : ITrustSessionFeed
{
    private readonly SessionFeedSubscribers _subscribers = new();

    public void Publish(SessionChange change)
    {
        if (_subscribers.Count == 0)
        {
            return;
        }

        // Off the scoring thread: a slow page must not delay the collector's answer.
        ThreadPool.UnsafeQueueUserWorkItem(c => _subscribers.Deliver(c), change, preferLocal: false);
    }

    public IDisposable Subscribe(Action<SessionChange> handler) => _subscribers.Add(handler);
}
