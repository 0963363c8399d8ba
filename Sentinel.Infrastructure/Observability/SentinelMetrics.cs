using System.Diagnostics.Metrics;

namespace Sentinel.Infrastructure.Observability;

/// <summary>
/// Sentinel's own instruments, under the meter <c>Sentinel</c>. Names are stable: dashboards and alerts use them.
/// </summary>
public sealed class SentinelMetrics
{
    public const string MeterName = "Sentinel";

    private readonly Counter<long> _portalSignIns;
    private readonly Counter<long> _eventsIngested;
    private readonly Counter<long> _eventsStored;
    private readonly Counter<long> _deadLetters;

    public SentinelMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _portalSignIns = meter.CreateCounter<long>("sentinel.portal.sign_ins", unit: "{attempt}", description: "Portal password sign-in attempts by result.");
        _eventsIngested = meter.CreateCounter<long>("sentinel.ingest.events", unit: "{event}", description: "API events received by result (accepted, rejected).");
        _eventsStored = meter.CreateCounter<long>("sentinel.ingest.events_stored", unit: "{event}", description: "API events written to the analytics store.");
        _deadLetters = meter.CreateCounter<long>("sentinel.ingest.dead_letters", unit: "{batch}", description: "Queued batches moved to the dead letters.");
    }

    /// <param name="result">succeeded, failed or locked_out.</param>
    public void PortalSignIn(string result) => _portalSignIns.Add(1, new KeyValuePair<string, object?>("result", result));

    public void EventsIngested(long accepted, long rejected)
    {
        _eventsIngested.Add(accepted, new KeyValuePair<string, object?>("result", "accepted"));
        if (rejected > 0)
        {
            _eventsIngested.Add(rejected, new KeyValuePair<string, object?>("result", "rejected"));
        }
    }

    public void EventsStored(long count) => _eventsStored.Add(count);

    public void BatchDeadLettered() => _deadLetters.Add(1);
}
