using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>A session with its evidence, live (from the hot store) or finished (from the app database).</summary>
public sealed record TrustSessionView(
    string SessionId,
    TrustAction Action,
    double Score,
    IReadOnlyList<SessionReason> Reasons,
    long EventsSeen,
    long Rejected,
    DateTime FirstSeen,
    DateTime LastSeen,
    string ModelVersions,
    SessionOverride? Overridden,
    SessionOutcome? Outcome,
    string? UserHash,
    bool Live)
{
    /// <summary>The score after each batch (bounded), oldest first; empty for sessions finished before it was kept.</summary>
    public IReadOnlyList<ScorePoint> History { get; init; } = [];

    /// <summary>The reviewer's action when there is one, else the engine's.</summary>
    public TrustAction EffectiveAction => Overridden?.Action ?? Action;
}
