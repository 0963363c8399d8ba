using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>
/// Accepted and drained events per second over every host on one Redis (ADR 032, superseding ADR 027's "this host").
/// Each host adds what its own meter counted (<see cref="PipelineRates"/>' totals) since its last flush to a per-second
/// counter in Redis every second (<c>INCRBY {prefix}pipeline:rate:{kind}:{unix second}</c>, expiring after
/// <see cref="KeyLifetime"/>), and the page sums the counters of the last <see cref="PipelineRates.Window"/> of whole
/// seconds, leaving out the last <see cref="Settle"/> that hosts may not have flushed yet. A flush that fails (Redis
/// away) is retried with the next one, so its events land in a later second rather than being lost.
/// </summary>
public sealed partial class ClusterPipelineRates(PipelineRates local, RedisConnection redis, TimeProvider time, ILogger<ClusterPipelineRates> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>Seconds this recent are left out of the sum: a host flushes every second, and a busy one a little late.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(2);

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private long _acceptedFlushed;
    private long _storedFlushed;
    private DateTimeOffset _lastFailureLogged = DateTimeOffset.MinValue;

    /// <summary>
    /// Events counted by every host in the last <paramref name="window"/> (default <see cref="PipelineRates.Window"/>) of
    /// settled seconds, or in the settled seconds since this host started when that is shorter (it cannot tell "idle"
    /// from "not counted yet" before); null before the first settled second, or when Redis cannot be reached.
    /// </summary>
    public async Task<ClusterRateWindow?> ReadAsync(TimeSpan? window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seconds = (int)Math.Min((window ?? PipelineRates.Window).TotalSeconds, Math.Floor((now - _started - Settle).TotalSeconds));
        if (seconds < 1)
        {
            return null;
        }

        var last = now.ToUnixTimeSeconds() - (long)Settle.TotalSeconds - 1;
        var range = Enumerable.Range(0, seconds).Select(i => last - i).ToList();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = await redis.Database.StringGetAsync([.. range.Select(s => Key("accepted", s)), .. range.Select(s => Key("stored", s))]);
            return new ClusterRateWindow(
                values.Take(range.Count).Sum(v => v.IsNull ? 0 : (long)v),
                values.Skip(range.Count).Sum(v => v.IsNull ? 0 : (long)v),
                seconds);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await FlushAsync(); // what this host counted last still belongs to the cluster's figures
    }

    /// <summary>Adds this host's events since the last flush to the current second's counters.</summary>
    internal async Task FlushAsync()
    {
        var (accepted, stored) = (local.AcceptedTotal, local.StoredTotal);
        var (newAccepted, newStored) = (accepted - _acceptedFlushed, stored - _storedFlushed);
        if (newAccepted == 0 && newStored == 0)
        {
            return;
        }

        var second = time.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            var batch = redis.Database.CreateBatch();
            var writes = new List<Task>(4);
            foreach (var (kind, count) in new[] { ("accepted", newAccepted), ("stored", newStored) }.Where(k => k.Item2 > 0))
            {
                writes.Add(batch.StringIncrementAsync(Key(kind, second), count));
                writes.Add(batch.KeyExpireAsync(Key(kind, second), KeyLifetime));
            }

            batch.Execute();
            await Task.WhenAll(writes);
            (_acceptedFlushed, _storedFlushed) = (accepted, stored);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            // Never stop the host over a figure on a page: the next flush carries these events.
            var now = time.GetUtcNow();
            if (now - _lastFailureLogged >= TimeSpan.FromMinutes(1))
            {
                _lastFailureLogged = now;
                LogFlushFailed(logger, exception);
            }
        }
    }

    private RedisKey Key(string kind, long second) =>
        redis.KeyPrefix + "pipeline:rate:" + kind + ":" + second.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add this host's pipeline rates to Redis; the pipeline page's cluster rates miss them until Redis returns.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}

/// <summary>Events every host accepted and stored in the last <paramref name="Seconds"/> settled seconds.</summary>
public sealed record ClusterRateWindow(long Accepted, long Stored, int Seconds)
{
    public double AcceptedPerSecond => (double)Accepted / Seconds;

    public double StoredPerSecond => (double)Stored / Seconds;
}
