using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Pattern;

/// <summary>A session's compact fingerprints, as kept in the replay catalog (about 0.5 KB).</summary>
public sealed record SessionFingerprint(string SessionId, MinHashSketch Trajectories, MinHashSketch Rhythm);

/// <summary>How much of a session's input was seen before in another session.</summary>
public readonly record struct ReplayMatch(string? SessionId, double Containment)
{
    public static readonly ReplayMatch None = new(null, 0);
}

/// <summary>
/// Fingerprints of earlier sessions, to find the same trajectories or typing rhythm replayed across sessions and
/// users. The engine only asks; where the fingerprints live (memory, Redis) is the caller's business.
/// </summary>
public interface IReplayCatalog
{
    /// <summary>The earlier session (other than <paramref name="sessionId"/>) containing most of these trajectories.</summary>
    ReplayMatch BestTrajectoryMatch(MinHashSketch trajectories, string? sessionId);

    /// <summary>The earlier session (other than <paramref name="sessionId"/>) containing most of this typing rhythm.</summary>
    ReplayMatch BestRhythmMatch(MinHashSketch rhythm, string? sessionId);
}
