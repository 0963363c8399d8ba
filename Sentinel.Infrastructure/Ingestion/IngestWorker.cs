using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// Drains the ingestion queue into the analytics store: claims entries that another (dead) worker left pending,
/// reads new ones, writes all their events in one call, and acknowledges only after the write. A failed write leaves
/// the entries pending, to be claimed and tried again once idle for <see cref="WorkerOptions.ClaimAfter"/>; an entry
/// delivered more than <see cref="WorkerOptions.MaxDeliveries"/> times goes to the dead letters. The store ignores
/// events it already has, so a batch written but not acknowledged before a crash is not counted twice.
/// </summary>
public sealed partial class IngestWorker(
    IIngestQueue queue,
    IAnalyticsStore store,
    IOptions<WorkerOptions> options,
    SentinelMetrics metrics,
    ILogger<IngestWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(10);
    private DateTime _lastClaim = DateTime.MinValue;

    /// <summary>Unique per worker, so a restarted host never inherits a dead worker's identity (its entries get claimed instead).</summary>
    public string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Reading and decoding the next entries overlaps with writing the previous ones: the write waits on the store
    /// and the read on Redis, so one worker keeps both busy. At most one write is in flight, and entries are still
    /// acknowledged only after their own write.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var idleDelay = MinimumDelay;
        var failureDelay = TimeSpan.Zero;
        var schemaReady = false;
        Decoded? ready = null;
        Task<int>? writing = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!schemaReady)
                    {
                        await store.EnsureSchemaAsync(stoppingToken);
                        schemaReady = true;
                    }

                    ready ??= await ReadAsync(stoppingToken);
                    if (writing is { } previous)
                    {
                        writing = null;
                        await previous; // a failure lands below, and the entries just read are written after the back-off
                    }

                    failureDelay = TimeSpan.Zero;
                    if (ready.Entries.Count > 0)
                    {
                        writing = WriteAsync(ready, stoppingToken);
                        ready = null;
                        idleDelay = MinimumDelay;
                        continue;
                    }

                    ready = null;
                    await Task.Delay(idleDelay, stoppingToken);
                    idleDelay = Min(idleDelay * 2, settings.MaxIdleDelay);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Unavailable queue or store, or a bug: either way back off and keep the host (and the other workers) running.
                    var retryAfter = (exception as AnalyticsStoreUnavailableException)?.RetryAfter ?? TimeSpan.Zero;
                    failureDelay = Min(Max(failureDelay * 2, TimeSpan.FromMilliseconds(100), retryAfter), settings.MaxFailureBackoff);
                    LogBackingOff(logger, exception, failureDelay.TotalMilliseconds);
                    await Delay(failureDelay, stoppingToken);
                }
            }
        }
        finally
        {
            // Entries of a write cut short by shutdown stay pending and are claimed by another worker.
            if (writing is not null)
            {
                await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One round, read then write: claim, read, write, acknowledge. Returns how many entries were written.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken) =>
        await WriteAsync(await ReadAsync(cancellationToken), cancellationToken);

    /// <summary>Claims stale entries (dead-lettering those past their deliveries), reads new ones and decodes them.</summary>
    private async Task<Decoded> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var entries = new List<QueueEntry>();
        // Nothing can become stale faster than ClaimAfter, so looking twice per ClaimAfter is enough (not on every poll).
        var now = DateTime.UtcNow;
        var stales = now - _lastClaim >= settings.ClaimAfter / 2
            ? await queue.ClaimStaleAsync(Consumer, settings.ClaimAfter, settings.ReadCount, cancellationToken)
            : [];
        _lastClaim = stales.Count == settings.ReadCount ? DateTime.MinValue : now;
        foreach (var stale in stales)
        {
            if (stale.Deliveries > settings.MaxDeliveries)
            {
                await DeadLetterAsync(stale, $"Not written after {stale.Deliveries - 1} deliveries.", cancellationToken);
            }
            else
            {
                entries.Add(stale);
            }
        }

        if (entries.Count < settings.ReadCount)
        {
            entries.AddRange(await queue.ReadNewAsync(Consumer, settings.ReadCount - entries.Count, cancellationToken));
        }

        var decoded = new List<(QueueEntry Entry, List<ApiEvent> Events)>(entries.Count);
        foreach (var entry in entries)
        {
            if (Decode(entry) is { } events)
            {
                decoded.Add((entry, events));
            }
            else
            {
                await DeadLetterAsync(entry, "The entry cannot be decoded.", cancellationToken);
            }
        }

        return new Decoded(decoded);
    }

    /// <summary>Writes the decoded entries in one call and acknowledges them; on a refusal, isolates the entry at fault.</summary>
    private async Task<int> WriteAsync(Decoded ready, CancellationToken cancellationToken)
    {
        var decoded = ready.Entries;
        if (decoded.Count == 0)
        {
            return 0;
        }

        try
        {
            await store.WriteAsync(decoded.SelectMany(d => d.Events).ToList(), cancellationToken);
            await queue.AcknowledgeAsync(decoded.Select(d => d.Entry.Id).ToList(), cancellationToken);
            metrics.EventsStored(decoded.Sum(d => d.Events.Count));
            return decoded.Count;
        }
        catch (InvalidOperationException exception) when (decoded.Count > 1)
        {
            // The store refused the write: find the entry at fault by writing one at a time; the others go through.
            LogIsolating(logger, exception, decoded.Count);
            var written = 0;
            foreach (var (entry, events) in decoded)
            {
                try
                {
                    await store.WriteAsync(events, cancellationToken);
                    await queue.AcknowledgeAsync([entry.Id], cancellationToken);
                    metrics.EventsStored(events.Count);
                    written++;
                }
                catch (InvalidOperationException single)
                {
                    LogEntryFailed(logger, single, entry.Id, entry.Deliveries);
                }
            }

            return written;
        }
        catch (InvalidOperationException exception)
        {
            LogEntryFailed(logger, exception, decoded[0].Entry.Id, decoded[0].Entry.Deliveries);
            return 0;
        }
    }

    /// <summary>Queue entries read and decoded, waiting to be written.</summary>
    private sealed record Decoded(List<(QueueEntry Entry, List<ApiEvent> Events)> Entries);

    private static List<ApiEvent>? Decode(QueueEntry entry) =>
        entry.Batch is { } batch ? ApiEventReader.ForQueuedEvents.ReadQueued(batch.EventsJson.Span, batch.ProjectId) : null;

    private async Task DeadLetterAsync(QueueEntry entry, string reason, CancellationToken cancellationToken)
    {
        LogDeadLetter(logger, entry.Id, reason, QueuedBatchCodec.Describe(entry.Batch));
        await queue.DeadLetterAsync(entry, reason, cancellationToken);
        metrics.BatchDeadLettered();
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b, TimeSpan c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion worker backing off for {DelayMs} ms")]
    private static partial void LogBackingOff(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The analytics store refused a write of {Count} queue entries; writing them one by one")]
    private static partial void LogIsolating(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue entry {EntryId} was not written (delivery {Deliveries}); it stays pending")]
    private static partial void LogEntryFailed(ILogger logger, Exception exception, string entryId, long deliveries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue entry {EntryId} moved to the dead letters: {Reason} ({Batch})")]
    private static partial void LogDeadLetter(ILogger logger, string entryId, string reason, string batch);
}
