using Microsoft.Extensions.Options;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// Live sessions in this process (embedded mode: one host, nothing to install), with the same contract as the Redis
/// store: compare-and-set on a version, TTL, idle index, bounded raw sample, new-session rate and a replay catalog
/// (searched exhaustively, bounded to <see cref="TrustOptions.EmbeddedReplayCapacity"/> sessions).
/// </summary>
public sealed class InProcessTrustSessionStore(IOptions<TrustOptions> options, TimeProvider time) : ITrustSessionStore
{
    private readonly Dictionary<TrustSessionKey, Entry> _sessions = [];
    private readonly Dictionary<string, (long Second, int Count)> _newSessions = [];
    private readonly InMemoryReplayCatalog _catalog = new(options.Value.EmbeddedReplayCapacity);
    private readonly Lock _lock = new();

    public Task<StoredSession?> ReadAsync(TrustSessionKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Live(key) is { } entry ? new StoredSession(entry.Version, entry.State, TrustJson.DeserializeMeta(entry.Meta)) : null);
        }
    }

    public Task<WriteResult> TryWriteAsync(TrustSessionKey key, long expectedVersion, byte[] state, SessionMeta meta, byte[]? rawChunk, string rateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var settings = options.Value;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var entry = Live(key);
            if ((entry?.Version ?? 0) != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            if (entry is null)
            {
                var second = now.ToUnixTimeSeconds();
                var counted = _newSessions.TryGetValue(rateKey, out var c) && c.Second == second ? c.Count + 1 : 1;
                _newSessions[rateKey] = (second, counted);
                if (counted > settings.NewSessionsPerKeyPerSecond)
                {
                    return Task.FromResult(WriteResult.TooManyNewSessions);
                }

                PruneExpired(now);
                entry = new Entry();
                _sessions[key] = entry;
            }

            entry.Version++;
            entry.State = state;
            entry.Meta = TrustJson.Serialize(meta);
            entry.LastSeen = meta.LastSeen;
            entry.Idle = true;
            entry.ExpiresAt = now + settings.SessionTtl;
            if (rawChunk is not null && settings.RawSampleBatches > 0)
            {
                entry.Raw.Add(rawChunk);
                if (entry.Raw.Count > settings.RawSampleBatches)
                {
                    entry.Raw.RemoveAt(0);
                }
            }

            return Task.FromResult(WriteResult.Written);
        }
    }

    public Task<IReadOnlyList<(TrustSessionKey Key, DateTime LastSeen)>> IdleSessionsAsync(DateTime before, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<(TrustSessionKey, DateTime)> idle = _sessions
                .Where(s => s.Value.Idle && s.Value.LastSeen <= before)
                .OrderBy(s => s.Value.LastSeen)
                .Take(max)
                .Select(s => (s.Key, s.Value.LastSeen))
                .ToList();
            return Task.FromResult(idle);
        }
    }

    public Task<IReadOnlyList<(TrustSessionKey Key, SessionMeta Meta)>> RecentSessionsAsync(DateTime since, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            IReadOnlyList<(TrustSessionKey, SessionMeta)> recent = _sessions
                .Where(s => s.Value.Idle && s.Value.LastSeen >= since && s.Value.ExpiresAt > now)
                .OrderByDescending(s => s.Value.LastSeen)
                .Take(max)
                .Select(s => (s.Key, TrustJson.DeserializeMeta(s.Value.Meta)))
                .ToList();
            return Task.FromResult(recent);
        }
    }

    public Task<bool> ClaimIdleAsync(TrustSessionKey key, DateTime lastSeen, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(key, out var entry) && entry.Idle && entry.LastSeen <= lastSeen)
            {
                entry.Idle = false;
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task<IReadOnlyList<byte[]>> RawSampleAsync(TrustSessionKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<byte[]> raw = Live(key)?.Raw.ToList() ?? [];
            return Task.FromResult(raw);
        }
    }

    public Task<IReplayCatalog> ReplayCandidatesAsync(MinHashSketch? trajectories, MinHashSketch? rhythm, CancellationToken cancellationToken) =>
        Task.FromResult<IReplayCatalog>(_catalog);

    public Task AddFingerprintAsync(SessionFingerprint fingerprint, CancellationToken cancellationToken)
    {
        _catalog.Add(fingerprint);
        return Task.CompletedTask;
    }

    private Entry? Live(TrustSessionKey key) =>
        _sessions.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry : null;

    private void PruneExpired(DateTimeOffset now)
    {
        if (_sessions.Count % 1024 != 0)
        {
            return;
        }

        foreach (var expired in _sessions.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList())
        {
            _sessions.Remove(expired);
        }

        foreach (var old in _newSessions.Where(c => c.Value.Second < now.ToUnixTimeSeconds()).Select(c => c.Key).ToList())
        {
            _newSessions.Remove(old);
        }
    }

    private sealed class Entry
    {
        public long Version { get; set; }

        public byte[] State { get; set; } = [];

        public byte[] Meta { get; set; } = [];

        public DateTime LastSeen { get; set; }

        public bool Idle { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public List<byte[]> Raw { get; } = [];
    }
}
