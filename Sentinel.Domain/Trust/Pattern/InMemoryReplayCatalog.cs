using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Pattern;

/// <summary>
/// A replay catalog held in memory and searched exhaustively: right for the embedded mode, tests and the
/// evaluation. A bounded number of fingerprints is kept; the oldest go first.
/// </summary>
public sealed class InMemoryReplayCatalog(int capacity = 10_000) : IReplayCatalog
{
    private readonly LinkedList<SessionFingerprint> _fingerprints = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _fingerprints.Count;
            }
        }
    }

    public void Add(SessionFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        lock (_lock)
        {
            _fingerprints.AddLast(fingerprint);
            if (_fingerprints.Count > capacity)
            {
                _fingerprints.RemoveFirst();
            }
        }
    }

    public ReplayMatch BestTrajectoryMatch(MinHashSketch trajectories, string? sessionId) => Best(trajectories, sessionId, f => f.Trajectories);

    public ReplayMatch BestRhythmMatch(MinHashSketch rhythm, string? sessionId) => Best(rhythm, sessionId, f => f.Rhythm);

    private ReplayMatch Best(MinHashSketch sketch, string? sessionId, Func<SessionFingerprint, MinHashSketch> part)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var best = ReplayMatch.None;
        if (sketch.IsEmpty)
        {
            return best;
        }

        lock (_lock)
        {
            foreach (var fingerprint in _fingerprints)
            {
                if (fingerprint.SessionId == sessionId)
                {
                    continue;
                }

                var containment = sketch.ContainmentIn(part(fingerprint));
                if (containment > best.Containment)
                {
                    best = new ReplayMatch(fingerprint.SessionId, containment);
                }
            }
        }

        return best;
    }
}
