using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// Drains the ingestion queue into the analytics store: claims entries that a dead worker left pending, reads new
/// ones, writes all their events in one call, and acknowledges only after the write. Entries hold rows the endpoint
/// encoded (ADR 029): the worker decompresses and concatenates them, and parses nothing. The store ignores events it
/// already has, so a batch written but not acknowledged before a crash is not counted twice.
/// <para>
/// What goes to the dead letters, and nothing else: an entry that cannot be decoded, an entry the store refuses as
/// invalid (<see cref="AnalyticsStoreRefusedException"/>), and an entry that keeps failing with an unexpected error
/// when written alone. An unreachable or failing store is an outage, not a poison message: the worker holds the
/// entries it has, renews its claim on them so no other worker takes them, backs off up to
/// <see cref="WorkerOptions.MaxFailureBackoff"/> and writes them when the store is back.
/// </para>
/// </summary>
public sealed partial class IngestWorker(
    IIngestQueue queue,
    IAnalyticsStore store,
    IOptions<WorkerOptions> options,
    SentinelMetrics metrics,
    ILogger<IngestWorker> logger,
    TimeProvider time)
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FirstFailureDelay = TimeSpan.FromMilliseconds(100);
    private DateTimeOffset _nextClaim = DateTimeOffset.MinValue;
    private TimeSpan _failureDelay = TimeSpan.Zero;
    private Held? _held;
    private bool _schemaReady;

    /// <summary>Unique per worker, so a restarted host never inherits a dead worker's identity (its entries get claimed instead).</summary>
    public string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Entries held through an outage, waiting to be written again (0 when the store is fine).</summary>
    public int HeldEntries => _held?.Entries.Count ?? 0;

    /// <summary>
    /// Drains until <paramref name="stoppingToken"/> is cancelled (a drain job's run ends, or the host stops); the
    /// write in flight finishes first, and entries held through an outage stay with this worker for its next run.
    /// Reading and decoding the next entries overlaps with writing the previous ones: the write waits on the store
    /// and the read on Redis, so one worker keeps both busy. At most one write is in flight, and entries are still
    /// acknowledged only after their own write. Not reentrant: one run at a time per worker.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinimumDelay;
        Decoded? ready = null;
        Task? writing = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (_held is { } held)
                    {
                        await RetryHeldAsync(held, stoppingToken);
                        continue;
                    }

                    ready ??= await ReadAsync(stoppingToken);
                    if (writing is { } previous)
                    {
                        writing = null;
                        await previous;
                        if (_held is { } failed)
                        {
                            // The store is out: what was read meanwhile waits with the failed entries, renewed with them.
                            failed.Entries.AddRange(ready.Entries);
                            ready = null;
                            continue;
                        }
                    }

                    if (ready.Entries.Count > 0)
                    {
                        writing = WriteAsync(ready.Entries, stoppingToken);
                        ready = null;
                        idleDelay = MinimumDelay;
                        continue;
                    }

                    ready = null;
                    _failureDelay = TimeSpan.Zero; // the queue answers and nothing is held or in flight
                    await Task.Delay(idleDelay, stoppingToken);
                    idleDelay = Min(idleDelay * 2, options.Value.MaxIdleDelay);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The queue (or the store's schema call) is unavailable: back off and keep the host running.
                    NextFailureDelay(exception);
                    LogBackingOff(logger, exception, _failureDelay.TotalMilliseconds);
                    await Delay(_failureDelay, stoppingToken);
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

    /// <summary>One round without overlap: retry what is held, or claim, read, write and acknowledge. Returns how many entries were written.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            var count = held.Entries.Count;
            await WriteHeldAsync(held, cancellationToken);
            return _held is null ? count : 0;
        }

        var ready = await ReadAsync(cancellationToken);
        await WriteAsync(ready.Entries, cancellationToken);
        return _held is null ? ready.Entries.Count : 0;
    }

    /// <summary>Claims stale entries (now and then, not on every poll), reads new ones and decodes them.</summary>
    private async Task<Decoded> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!_schemaReady)
        {
            await store.EnsureSchemaAsync(cancellationToken);
            _schemaReady = true;
        }

        var entries = new List<QueueEntry>();
        var now = time.GetUtcNow();
        if (now >= _nextClaim)
        {
            // An entry is claimable ClaimAfter after its last delivery; looking four times per ClaimAfter claims it
            // within 1.25 × ClaimAfter. A full claim means more are waiting: look again at once.
            var stales = await queue.ClaimStaleAsync(Consumer, settings.ClaimAfter, settings.ReadCount, cancellationToken);
            _nextClaim = stales.Count == settings.ReadCount ? now : now + settings.ClaimAfter / 4;
            foreach (var stale in stales)
            {
                if (stale.Deliveries > settings.MaxDeliveries)
                {
                    await WriteSuspectAsync(stale, cancellationToken);
                }
                else
                {
                    entries.Add(stale);
                }
            }
        }

        if (entries.Count < settings.ReadCount)
        {
            entries.AddRange(await queue.ReadNewAsync(Consumer, settings.ReadCount - entries.Count, cancellationToken));
        }

        var decoded = new List<DecodedEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Batch is { } batch)
            {
                decoded.Add(new DecodedEntry(entry, batch.Rows));
            }
            else
            {
                await DeadLetterAsync(entry, "The entry cannot be decoded.", cancellationToken);
            }
        }

        return new Decoded(decoded);
    }

    /// <summary>
    /// Writes the entries in one call and acknowledges them. A refusal isolates the entry at fault (one by one, the
    /// others go through); any other failure holds every entry for a retry after the back-off.
    /// </summary>
    private async Task WriteAsync(List<DecodedEntry> entries, CancellationToken cancellationToken, int unexpectedSoFar = 0)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAndAcknowledgeAsync(entries, cancellationToken);
            _failureDelay = TimeSpan.Zero;
        }
        catch (AnalyticsStoreRefusedException exception)
        {
            LogIsolating(logger, exception, entries.Count);
            var outage = new List<DecodedEntry>();
            foreach (var entry in entries)
            {
                if (await WriteAloneAsync(entry, cancellationToken) is not null)
                {
                    outage.Add(entry);
                }
            }

            if (outage.Count > 0)
            {
                Hold(outage, exception, unexpectedSoFar);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Hold(entries, exception, unexpectedSoFar + (IsOutage(exception) ? 0 : 1));
        }
    }

    /// <summary>Waits out the back-off (renewing the claim on the held entries), then writes them again.</summary>
    private async Task RetryHeldAsync(Held held, CancellationToken cancellationToken)
    {
        var renewEvery = options.Value.ClaimAfter / 4;
        var until = time.GetUtcNow() + _failureDelay;
        while (time.GetUtcNow() < until && !cancellationToken.IsCancellationRequested)
        {
            await queue.RenewAsync(Consumer, held.Entries.Select(e => e.Entry.Id).ToList(), cancellationToken);
            var left = until - time.GetUtcNow();
            await Delay(left < renewEvery ? left : renewEvery, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await WriteHeldAsync(held, cancellationToken);
    }

    private async Task WriteHeldAsync(Held held, CancellationToken cancellationToken)
    {
        _held = null;
        if (held.UnexpectedFailures >= options.Value.MaxDeliveries)
        {
            // Not an outage and not a refusal, again and again: find the entry at fault by writing each alone.
            foreach (var entry in held.Entries)
            {
                await WriteSuspectAsync(entry.Entry, cancellationToken);
            }

            return;
        }

        await WriteAsync(held.Entries, cancellationToken, held.UnexpectedFailures);
    }

    /// <summary>
    /// An entry delivered more than <see cref="WorkerOptions.MaxDeliveries"/> times (its workers died or failed on
    /// it) is written alone, so it cannot take others down with it; it is dead-lettered only when the store refuses
    /// it or it fails with an unexpected error, never for an outage.
    /// </summary>
    private async Task WriteSuspectAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Batch is not { } batch)
        {
            await DeadLetterAsync(entry, "The entry cannot be decoded.", cancellationToken);
            return;
        }

        // On an outage it simply stays pending (isolated again when next claimed): holding it here could race the
        // write in flight, and suspects are rare.
        if (await WriteAloneAsync(new DecodedEntry(entry, batch.Rows), cancellationToken, deadLetterUnexpected: true) is { } outage)
        {
            LogEntryFailed(logger, outage, entry.Id, entry.Deliveries);
        }
    }

    /// <summary>Writes one entry; returns the exception when the store is out (the caller holds the entry), null otherwise.</summary>
    private async Task<Exception?> WriteAloneAsync(DecodedEntry entry, CancellationToken cancellationToken, bool deadLetterUnexpected = false)
    {
        try
        {
            await WriteAndAcknowledgeAsync([entry], cancellationToken);
            return null;
        }
        catch (AnalyticsStoreRefusedException refused)
        {
            await DeadLetterAsync(entry.Entry, "The analytics store refused it: " + refused.Message, cancellationToken);
            return null;
        }
        catch (Exception exception) when (deadLetterUnexpected && !IsOutage(exception) && exception is not OperationCanceledException)
        {
            await DeadLetterAsync(entry.Entry, $"Not written after {entry.Entry.Deliveries} deliveries: {exception.Message}", cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return exception;
        }
    }

    private async Task WriteAndAcknowledgeAsync(List<DecodedEntry> entries, CancellationToken cancellationToken)
    {
        var rows = ApiEventRows.Concat(entries.ConvertAll(d => d.Rows));
        await store.WriteAsync(rows, cancellationToken);
        await queue.AcknowledgeAsync(entries.ConvertAll(d => d.Entry.Id), cancellationToken);
        metrics.EventsStored(rows.Count);
    }

    private void Hold(List<DecodedEntry> entries, Exception exception, int unexpectedFailures)
    {
        _held = new Held(entries, unexpectedFailures);
        NextFailureDelay(exception);
        LogHolding(logger, exception, entries.Count, _failureDelay.TotalMilliseconds);
    }

    /// <summary>Doubles from 100 ms up to <see cref="WorkerOptions.MaxFailureBackoff"/>, at least what the store asked for; reset only by a success.</summary>
    private void NextFailureDelay(Exception exception)
    {
        var retryAfter = (exception as AnalyticsStoreUnavailableException)?.RetryAfter ?? TimeSpan.Zero;
        var doubled = _failureDelay == TimeSpan.Zero ? FirstFailureDelay : _failureDelay * 2;
        _failureDelay = Min(doubled > retryAfter ? doubled : retryAfter, options.Value.MaxFailureBackoff);
    }

    private static bool IsOutage(Exception exception) =>
        exception is AnalyticsStoreUnavailableException or IngestQueueUnavailableException or HttpRequestException or TimeoutException;

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

    private sealed record DecodedEntry(QueueEntry Entry, ApiEventRows Rows);

    /// <summary>Queue entries read and decoded, waiting to be written.</summary>
    private sealed record Decoded(List<DecodedEntry> Entries);

    /// <summary>Entries this worker keeps through an outage; unexpected (non-outage) failures are counted to find a poison entry.</summary>
    private sealed record Held(List<DecodedEntry> Entries, int UnexpectedFailures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion worker backing off for {DelayMs} ms")]
    private static partial void LogBackingOff(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The analytics store refused a write of {Count} queue entries; writing them one by one")]
    private static partial void LogIsolating(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holding {Count} queue entries that could not be written; trying again in {DelayMs} ms")]
    private static partial void LogHolding(ILogger logger, Exception exception, int count, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue entry {EntryId} was not written (delivery {Deliveries}); it stays pending")]
    private static partial void LogEntryFailed(ILogger logger, Exception exception, string entryId, long deliveries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue entry {EntryId} moved to the dead letters: {Reason} ({Batch})")]
    private static partial void LogDeadLetter(ILogger logger, string entryId, string reason, string batch);
}
