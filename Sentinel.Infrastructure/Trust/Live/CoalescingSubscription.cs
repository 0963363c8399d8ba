namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>
/// What one portal circuit receives: the feed's changes that pass <c>filter</c>, coalesced per session (the latest
/// state wins) and handed over at most once per <c>interval</c>. A busy project then costs a browser one render per
/// interval with at most one row per session, however many batches arrive.
/// </summary>
public sealed class CoalescingSubscription : IDisposable
{
    private readonly Dictionary<(Guid, string), SessionChange> _pending = [];
    private readonly Lock _lock = new();
    private readonly Func<SessionChange, bool> _filter;
    private readonly Func<IReadOnlyList<SessionChange>, Task> _flush;
    private readonly IDisposable _subscription;
    private readonly ITimer _timer;
    private int _flushing;

    public CoalescingSubscription(ITrustSessionFeed feed, TimeProvider time, TimeSpan interval, Func<SessionChange, bool> filter, Func<IReadOnlyList<SessionChange>, Task> flush)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(time);
        _filter = filter;
        _flush = flush;
        _timer = time.CreateTimer(_ => _ = FlushAsync(), null, interval, interval);
        _subscription = feed.Subscribe(Receive);
    }

    /// <summary>Changes waiting for the next flush (one per session).</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _timer.Dispose();
    }

    private void Receive(SessionChange change)
    {
        if (!_filter(change))
        {
            return;
        }

        lock (_lock)
        {
            // Deliveries may overtake each other (pool threads, several hosts): the later state of the session wins, not the later message.
            var key = (change.ProjectId, change.SessionId);
            if (!_pending.TryGetValue(key, out var held) || (change.LastSeen, change.EventsSeen).CompareTo((held.LastSeen, held.EventsSeen)) >= 0)
            {
                _pending[key] = change;
            }
        }
    }

    /// <summary>Hands over what arrived since the last flush; skipped while the previous flush is still rendering.</summary>
    public async Task FlushAsync()
    {
        if (Interlocked.Exchange(ref _flushing, 1) == 1)
        {
            return;
        }

        try
        {
            List<SessionChange> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = [.. _pending.Values];
                _pending.Clear();
            }

            await _flush(batch);
        }
#pragma warning disable CA1031 // A circuit that is going away fails its render; the timer must not take the host down with an unobserved exception.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }
}
