using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Configuration;

/// <summary>The workers that drain the ingestion queue into the analytics store. Section <c>Workers</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>
    /// Drain workers this host runs at once; 0 turns draining off on this host (ingest-only hosts). With
    /// <see cref="RunAs"/> Hangfire, the host takes drain jobs from the <c>drain</c> queue on this many Hangfire workers.
    /// </summary>
    [Range(0, 64)]
    public int Count { get; set; } = 1;

    /// <summary>
    /// Hangfire (the default): the drain runs as recurring Hangfire jobs, one per slot, visible in the dashboard.
    /// HostedService: one long-running loop per worker in each host, outside Hangfire (same drain code).
    /// </summary>
    public DrainHost RunAs { get; set; } = DrainHost.Hangfire;

    /// <summary>Drain jobs running at once across all hosts (Hangfire mode): one recurring job <c>ingest-drain-N</c> each.</summary>
    [Range(1, 256)]
    public int DrainSlots { get; set; } = 1;

    /// <summary>How long one drain job runs before the next run of its slot takes over (Hangfire mode); runs start on whole multiples.</summary>
    public TimeSpan DrainRunLength { get; set; } = TimeSpan.FromMinutes(1);

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

    /// <summary>When per-project retention is enforced (a Hangfire cron expression; one host runs each occurrence).</summary>
    public string RetentionCron { get; set; } = "0 * * * *";
}

/// <summary>Where the analytics drain runs.</summary>
public enum DrainHost
{
    Hangfire,
    HostedService,
}
