namespace Sentinel.Infrastructure.Configuration;

/// <summary>
/// Limits and protections of <c>POST /v1/events/batch</c>. Section <c>Ingest</c>; README lists the defaults. Key
/// settings have their own section (<see cref="Keys.KeyOptions"/>).
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    public int MaxEventsPerBatch { get; set; } = 1000;

    /// <summary>Largest body as sent (gzip or not).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body after gunzip, so a small bomb cannot expand into memory.</summary>
    public int MaxDecompressedBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Batches per key per second, counted across all hosts (in Redis in production); at least 1.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int BatchesPerKeyPerSecond { get; set; } = 100;

    /// <summary>Stream entries waiting beyond this answer 503: the queue holds, it does not drop.</summary>
    public long MaxQueuedBatches { get; set; } = 200_000;

    /// <summary>Accepted clock skew of event timestamps into the future.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Oldest accepted event; SDKs that buffered longer than this have lost their data's relevance.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);
}
