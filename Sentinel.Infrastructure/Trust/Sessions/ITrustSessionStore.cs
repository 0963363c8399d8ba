using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// The hot state of live sessions: Redis in production (shared by every host), memory in embedded mode. Updates are
/// compare-and-set on a version, so two batches of one session on two hosts never lose each other's events (ADR 017).
/// Every method throws <see cref="TrustStateUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ITrustSessionStore
{
    Task<StoredSession?> ReadAsync(TrustSessionKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the session if its version is still <paramref name="expectedVersion"/> (0 = it must not exist yet, and
    /// then counts against <paramref name="rateKey"/>'s new sessions per second); appends <paramref name="rawChunk"/>
    /// to the session's bounded raw sample when given.
    /// </summary>
    Task<WriteResult> TryWriteAsync(TrustSessionKey key, long expectedVersion, byte[] state, SessionMeta meta, byte[]? rawChunk, string rateKey, CancellationToken cancellationToken);

    /// <summary>Sessions whose last batch is older than <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<(TrustSessionKey Key, DateTime LastSeen)>> IdleSessionsAsync(DateTime before, int max, CancellationToken cancellationToken);

    /// <summary>Live sessions (not yet finished) whose last batch is at or after <paramref name="since"/>, newest first, with their meta.</summary>
    Task<IReadOnlyList<(TrustSessionKey Key, SessionMeta Meta)>> RecentSessionsAsync(DateTime since, int max, CancellationToken cancellationToken);

    /// <summary>Takes the session off the idle list if it is still idle since <paramref name="lastSeen"/>; true for exactly one host.</summary>
    Task<bool> ClaimIdleAsync(TrustSessionKey key, DateTime lastSeen, CancellationToken cancellationToken);

    /// <summary>The session's raw event chunks (most recent last), for the review replay.</summary>
    Task<IReadOnlyList<byte[]>> RawSampleAsync(TrustSessionKey key, CancellationToken cancellationToken);

    /// <summary>Earlier sessions' fingerprints that may contain these sketches: a small catalog to search exactly.</summary>
    Task<IReplayCatalog> ReplayCandidatesAsync(MinHashSketch? trajectories, MinHashSketch? rhythm, CancellationToken cancellationToken);

    Task AddFingerprintAsync(SessionFingerprint fingerprint, CancellationToken cancellationToken);
}
