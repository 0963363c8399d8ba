using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sentinel.Infrastructure.Redis;
using Sentinel.Infrastructure.Trust.Sessions;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Trust.Live;

/// <summary>
/// The feed across hosts: PUBLISH on one channel per deployment (<c>{prefix}trust:changes</c>), fire-and-forget so
/// scoring never waits for it; each host SUBSCRIBEs once, when its first page subscribes, and hands messages to its
/// own subscribers. A host's own changes come back to it through Redis too, so every host sees one ordered stream.
/// </summary>
public sealed partial class RedisSessionFeed(RedisConnection redis, TimeProvider time, ILogger<RedisSessionFeed> logger) : ITrustSessionFeed, IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private readonly SessionFeedSubscribers _subscribers = new();
    private readonly RedisChannel _channel = RedisChannel.Literal(redis.KeyPrefix + "trust:changes");
    private readonly Lock _lock = new();
    private ITimer? _retry;
    private bool _subscribed;
    private int _attempting;
    private long _lastFailureLog = long.MinValue;

    public void Publish(SessionChange change)
    {
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(change, TrustJson.Default.SessionChange);
            redis.Multiplexer.GetSubscriber().Publish(_channel, payload, CommandFlags.FireAndForget);
        }
#pragma warning disable CA1031 // Whatever fails here, the verdict that triggered it must still be answered.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailureThrottled(e);
        }
    }

    public IDisposable Subscribe(Action<SessionChange> handler)
    {
        var subscription = _subscribers.Add(handler);
        EnsureSubscribed();
        return subscription;
    }

    public void Dispose() => _retry?.Dispose();

    /// <summary>Subscribes this host once; while Redis cannot be reached, tries again every few seconds (the multiplexer restores it after later reconnects by itself).</summary>
    private void EnsureSubscribed()
    {
        lock (_lock)
        {
            if (_subscribed || _retry is not null)
            {
                return;
            }

            _retry = time.CreateTimer(_ => TrySubscribe(), null, TimeSpan.Zero, RetryEvery);
        }

        // A first tick that subscribed before _retry was assigned could not stop the timer; stop it here.
        lock (_lock)
        {
            if (_subscribed)
            {
                _retry?.Dispose();
                _retry = null;
            }
        }
    }

    private void TrySubscribe()
    {
        // One attempt at a time, and never a second subscription: SE.Redis would add the handler twice and every
        // change would be delivered twice. (The timer's first tick may also run before CreateTimer has returned.)
        if (Interlocked.Exchange(ref _attempting, 1) == 1)
        {
            return;
        }

        try
        {
            lock (_lock)
            {
                if (_subscribed)
                {
                    return;
                }
            }

            redis.Multiplexer.GetSubscriber().Subscribe(_channel, (_, message) => Deliver(message));
            lock (_lock)
            {
                _subscribed = true;
                _retry?.Dispose();
                _retry = null;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            LogFailureThrottled(e);
        }
        finally
        {
            Volatile.Write(ref _attempting, 0);
        }
    }

    private void Deliver(RedisValue message)
    {
        SessionChange? change;
        try
        {
            change = JsonSerializer.Deserialize((byte[])message!, TrustJson.Default.SessionChange);
        }
        catch (JsonException)
        {
            // Another version's message, or not ours: skip it rather than stop the feed.
            return;
        }

        if (change is not null)
        {
            _subscribers.Deliver(change);
        }
    }

    /// <summary>At most one warning a minute: while Redis is down every batch would log one.</summary>
    private void LogFailureThrottled(Exception e)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastFailureLog);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastFailureLog, now, last) == last)
        {
            LogFeedUnavailable(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live session feed (Redis pub/sub) is unavailable; live pages miss updates until it returns. Scoring is not affected.")]
    private static partial void LogFeedUnavailable(ILogger logger, Exception exception);
}
