namespace Sentinel.Infrastructure.Configuration;

/// <summary>The workers that drain the ingestion queue into the analytics store. Section <c>Workers</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Workers per host; 0 turns draining off on this host (ingest-only hosts).</summary>
    public int Count { get; set; } = 1;

    /// <summary>Queue entries (each one batch) read at a time; they are written to the store in one insert.</summary>
    public int ReadCount { get; set; } = 200;

    /// <summary>An entry delivered but not acknowledged for this long belongs to a dead or stuck worker and is claimed.</summary>
    public TimeSpan ClaimAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries after which an entry goes to the dead-letter stream instead of being tried again.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Longest pause when the queue is empty.</summary>
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest pause after failed writes (the pause doubles from 100 ms up to this).</summary>
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When the oldest entry not yet written is older than this, <c>/readyz</c> reports Degraded (the drain lags).</summary>
    public TimeSpan LagDegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the backlog gauges (stream length, pending, lag, dead letters) are sampled.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often per-project retention is enforced (by one host at a time).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
