namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>A session as read from the hot store: its version (for compare-and-set), the engine's state and the meta.</summary>
public sealed record StoredSession(long Version, byte[] State, SessionMeta Meta);

public enum WriteResult
{
    Written,

    /// <summary>Another batch of the same session was written since it was read: read again and redo.</summary>
    Conflict,

    /// <summary>A new session over the key's rate of new sessions; nothing was written.</summary>
    TooManyNewSessions,
}
