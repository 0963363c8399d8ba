using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// The queue's backlog as gauges on the <c>Sentinel</c> meter, sampled every
/// <see cref="WorkerOptions.BacklogSampleInterval"/> (a gauge's callback must not wait on Redis):
/// <c>sentinel.ingest.queue.length</c>, <c>.pending</c>, <c>.oldest_age</c> (seconds) and <c>sentinel.ingest.dead_letters.length</c>.
/// Nothing is reported until the first sample succeeds, so a down Redis does not read as an empty queue.
/// </summary>
public sealed partial class QueueBacklogGauges : BackgroundService
{
    private readonly IIngestQueue _queue;
    private readonly IOptions<WorkerOptions> _options;
    private readonly ILogger<QueueBacklogGauges> _logger;
    private volatile QueueStats? _last;

    public QueueBacklogGauges(IIngestQueue queue, IOptions<WorkerOptions> options, IMeterFactory meterFactory, ILogger<QueueBacklogGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _queue = queue;
        _options = options;
        _logger = logger;
        var meter = meterFactory.Create(SentinelMetrics.MeterName);
        meter.CreateObservableGauge("sentinel.ingest.queue.length", () => Observe(s => s.Length), unit: "{batch}", description: "Queued batches not yet written to the analytics store.");
        meter.CreateObservableGauge("sentinel.ingest.queue.pending", () => Observe(s => s.Pending), unit: "{batch}", description: "Queued batches delivered to a worker and not yet acknowledged.");
        meter.CreateObservableGauge("sentinel.ingest.queue.oldest_age", () => Observe(s => s.OldestAge.TotalSeconds), unit: "s", description: "Age of the oldest batch not yet written: the drain's lag.");
        meter.CreateObservableGauge("sentinel.ingest.dead_letters.length", () => Observe(s => s.DeadLetters), unit: "{batch}", description: "Batches in the dead letters.");
    }

    /// <summary>The last sample, or null before the first one succeeded.</summary>
    public QueueStats? Last => _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _last = await _queue.StatsAsync(stoppingToken);
            }
            catch (IngestQueueUnavailableException exception)
            {
                _last = null;
                LogSampleFailed(_logger, exception);
            }

            try
            {
                await Task.Delay(_options.Value.BacklogSampleInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<QueueStats, T> value)
        where T : struct =>
        _last is { } stats ? [new Measurement<T>(value(stats))] : [];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not sample the ingestion backlog")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
