using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// The embedded mode's queue: the semantics of a Redis stream with a consumer group (pending entries, idle claims,
/// delivery counts, dead letters) inside the process. It does not survive a restart of the host; that is the
/// trade-off of the nothing-to-install mode, and the README says so. The per-key rate is counted as the Redis queue
/// counts it, per key and clock second of the injected <see cref="TimeProvider"/>, so both allow the same batches and
/// name the same wait (QueueContractTests holds them to it).
/// </summary>
public sealed class InProcessIngestQueue(IOptions<IngestOptions> options, TimeProvider time) : IIngestQueue
{
    private const int MaxDeadLetters = 10_000;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, (byte[] Bytes, DateTimeOffset QueuedAt)> _entries = [];
    private readonly Queue<long> _undelivered = new();
    private readonly Dictionary<long, Delivery> _pending = [];
    private readonly SortedDictionary<long, (QueueEntry Entry, string Reason, DateTimeOffset At)> _dead = [];
    private readonly Dictionary<Guid, (long Second, long Count)> _rate = [];

    private long _nextId;
    private long _nextDeadId;

    public Task<TimeSpan?> EnqueueAsync(QueuedBatch batch, Guid keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (CountTowardsRate(keyId, now.ToUnixTimeMilliseconds()) is { } wait)
            {
                return Task.FromResult<TimeSpan?>(wait);
            }

            if (_entries.Count >= options.Value.MaxQueuedBatches)
            {
                throw new IngestQueueUnavailableException($"The queue holds {_entries.Count} batches, its limit.");
            }

            var id = ++_nextId;
            _entries[id] = (QueuedBatchCodec.Encode(batch), now);
            _undelivered.Enqueue(id);
        }

        return Task.FromResult<TimeSpan?>(null);
    }

    public Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var read = new List<QueueEntry>();
        lock (_lock)
        {
            while (read.Count < count && _undelivered.TryDequeue(out var id))
            {
                _pending[id] = new Delivery(consumer, now, 1);
                read.Add(Entry(id, 1));
            }
        }

        return Task.FromResult<IReadOnlyList<QueueEntry>>(read);
    }

    public Task<IReadOnlyList<QueueEntry>> ClaimStaleAsync(string consumer, TimeSpan idle, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = new List<QueueEntry>();
        lock (_lock)
        {
            foreach (var (id, delivery) in _pending.Where(p => now - p.Value.At >= idle).OrderBy(p => p.Key).Take(count).ToList())
            {
                _pending[id] = new Delivery(consumer, now, delivery.Count + 1);
                claimed.Add(Entry(id, delivery.Count + 1));
            }
        }

        return Task.FromResult<IReadOnlyList<QueueEntry>>(claimed);
    }

    public Task RenewAsync(string consumer, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var id in ids.Select(ParseId))
            {
                if (_pending.TryGetValue(id, out var delivery))
                {
                    _pending[id] = delivery with { Consumer = consumer, At = now };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task AcknowledgeAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            foreach (var id in ids.Select(ParseId))
            {
                _pending.Remove(id);
                _entries.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(QueueEntry entry, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            _dead[++_nextDeadId] = (entry, reason, time.GetUtcNow());
            while (_dead.Count > MaxDeadLetters)
            {
                _dead.Remove(_dead.Keys.First());
            }

            if (long.TryParse(entry.Id, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                _pending.Remove(id);
                _entries.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<QueueStats> StatsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var oldest = _entries.Count == 0 ? TimeSpan.Zero : time.GetUtcNow() - _entries.First().Value.QueuedAt;
            return Task.FromResult(new QueueStats(_entries.Count, _pending.Count, _dead.Count, oldest));
        }
    }

    /// <summary>The dead letters, newest last (the portal shows them).</summary>
    public IReadOnlyList<(QueueEntry Entry, string Reason)> DeadLetters()
    {
        lock (_lock)
        {
            return [.. _dead.Values.Select(d => (d.Entry, d.Reason))];
        }
    }

    /// <summary>Entries each consumer holds and since when it last took or renewed one (the portal's pipeline page).</summary>
    public IReadOnlyList<ConsumerPending> PendingByConsumer()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            return [.. _pending.Values.GroupBy(d => d.Consumer)
                .Select(g => new ConsumerPending(g.Key, g.Count(), now - g.Max(d => d.At)))
                .OrderBy(c => c.Consumer, StringComparer.Ordinal)];
        }
    }

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>(_dead.Take(count)
                .Select(d => new DeadLetter(Id(d.Key), d.Value.Entry.Id, d.Value.Reason, d.Value.Entry.Raw ?? [], d.Value.At))
                .ToList());
        }
    }

    public Task<bool> RedriveAsync(string deadLetterId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_dead.Remove(ParseId(deadLetterId), out var dead))
            {
                return Task.FromResult(false);
            }

            var id = ++_nextId;
            _entries[id] = (dead.Entry.Raw ?? [], time.GetUtcNow());
            _undelivered.Enqueue(id);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_dead.Remove(ParseId(deadLetterId)));
        }
    }

    /// <summary>Counts one batch in the key's current second; the wait until the next second when it is over the limit.</summary>
    private TimeSpan? CountTowardsRate(Guid keyId, long nowMs)
    {
        var second = nowMs / 1000;
        var count = _rate.TryGetValue(keyId, out var window) && window.Second == second ? window.Count + 1 : 1;
        if (_rate.Count > 10_000)
        {
            // Keys seen in earlier seconds only; keeps the table as small as the set of keys sending right now.
            foreach (var stale in _rate.Where(r => r.Value.Second < second).Select(r => r.Key).ToList())
            {
                _rate.Remove(stale);
            }
        }

        _rate[keyId] = (second, count);
        return count > options.Value.BatchesPerKeyPerSecond ? TimeSpan.FromMilliseconds(1000 - (nowMs % 1000)) : null;
    }

    private QueueEntry Entry(long id, long deliveries)
    {
        var bytes = _entries[id].Bytes;
        return new QueueEntry(Id(id), QueuedBatchCodec.TryDecode(bytes), deliveries, bytes);
    }

    private static long ParseId(string id) => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Delivery(string Consumer, DateTimeOffset At, long Count);
}
