using Sentinel.Domain.Trust.Fusion;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>
/// "This session changed": everything a row of the live page shows, so a subscriber never reads the store back.
/// About 200 bytes of JSON on the Redis channel.
/// </summary>
public sealed record SessionChange(
    Guid ProjectId,
    string SessionId,
    TrustAction Action,
    double Score,
    long EventsSeen,
    string? UserHash,
    DateTime FirstSeen,
    DateTime LastSeen,
    bool Overridden)
{
    public static SessionChange From(TrustSessionKey key, SessionMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return new SessionChange(key.ProjectId, key.SessionId, meta.EffectiveAction, meta.Score, meta.EventsSeen, meta.UserHash, meta.FirstSeen, meta.LastSeen, meta.Override is not null);
    }
}
