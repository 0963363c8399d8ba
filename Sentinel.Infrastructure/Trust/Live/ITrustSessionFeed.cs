namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>
/// The change feed of live sessions (ADR 026): scoring publishes each written batch, portal circuits subscribe.
/// In process for the embedded host; over Redis pub/sub when Redis is configured, so a batch scored on one host
/// reaches circuits on every host. Best effort by design: a lost notification costs a row one update, never a
/// verdict, so <see cref="Publish"/> never throws and never waits.
/// </summary>
public interface ITrustSessionFeed
{
    /// <summary>Announces a change; returns at once and swallows (and counts) any failure.</summary>
    void Publish(SessionChange change);

    /// <summary>Calls <paramref name="handler"/> for every change from now on until the result is disposed. The handler runs on a pool thread and must be quick.</summary>
    IDisposable Subscribe(Action<SessionChange> handler);
}
