using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Trust;

/// <summary>The trust API's limits and the life of a session's state. Section <c>Trust</c>.</summary>
public sealed class TrustOptions
{
    public const string Section = "Trust";

    /// <summary>Events in one batch (the collector sends at most 100; the contract allows 500).</summary>
    [Range(1, 10_000)]
    public int MaxEventsPerBatch { get; set; } = 500;

    /// <summary>Body size as sent; 500 events take about 60 KB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>New sessions a publishable key may start per second (counted across hosts in Redis).</summary>
    [Range(1, 1_000_000)]
    public int NewSessionsPerKeyPerSecond { get; set; } = 200;

    /// <summary>How long a session's hot state lives in Redis after its last batch; longer than <see cref="IdleTimeout"/>.</summary>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session with no batch for this long is finished: its summary goes to the app database.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the finalisation and learning jobs run.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An ALLOWed session without an outcome is learned from once it is this old (a fraud report may still come).</summary>
    public TimeSpan LearnAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Raw event chunks (one per batch, the most recent) kept per session for the review replay; only batches after which the session was not allowed are kept.</summary>
    [Range(0, 1000)]
    public int RawSampleBatches { get; set; } = 20;

    /// <summary>How long a finished session's fingerprints stay in the replay catalog.</summary>
    public TimeSpan ReplayRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sessions kept per LSH bucket of the replay catalog: bounds memory when many sessions share a minimum.</summary>
    [Range(1, 1000)]
    public int ReplayBucketSize { get; set; } = 16;

    /// <summary>Catalog sessions fetched and compared exactly per lookup, the ones sharing most minima.</summary>
    [Range(1, 100)]
    public int ReplayCandidates { get; set; } = 4;

    /// <summary>Sessions held by the in-process replay catalog (embedded mode).</summary>
    [Range(1, 1_000_000)]
    public int EmbeddedReplayCapacity { get; set; } = 10_000;
}
