using Microsoft.AspNetCore.Http;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>What the app configures in <c>AddSentinel(o =&gt; ...)</c> or the <c>Sentinel</c> configuration section. Only <see cref="Key"/> is required.</summary>
public sealed class SentinelOptions
{
    /// <summary>The project's ingest key (<c>snt_ing_...</c>).</summary>
    public string Key { get; set; } = "";

    /// <summary>Sentinel's base address. Default <c>http://localhost:5080</c>.</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:5080");

    /// <summary><c>environment</c> of every event; default the host's environment name, lower case.</summary>
    public string? Environment { get; set; }

    /// <summary>Send when this many events wait (1-1000). Default 200.</summary>
    public int MaxBatchSize { get; set; } = 200;

    /// <summary>Send at least this often while events wait. Default 2 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events waiting in memory at most; past it the oldest are dropped and counted. Default 10,000.</summary>
    public int MaxBufferSize { get; set; } = 10_000;

    /// <summary>Fraction of requests recorded, 0-1. Default 1.</summary>
    public double SampleRate { get; set; } = 1;

    /// <summary>Paths not recorded: each matches itself and everything under it (<c>/health</c> also skips <c>/health/ready</c>).</summary>
    public IList<string> ExcludePaths { get; } = [];

    /// <summary>Record request headers, masked. Default false.</summary>
    public bool LogHeaders { get; set; }

    /// <summary>Header names masked in addition to authorization, cookie, set-cookie and x-api-key.</summary>
    public IList<string> MaskHeaders { get; } = [];

    /// <summary>The consumer (customer, API-key owner) of a request, e.g. <c>ctx =&gt; ctx.User.Identity?.Name</c>.</summary>
    public Func<HttpContext, string?>? IdentifyConsumer { get; set; }

    /// <summary>First retry delay; it doubles per attempt with full jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts (a longer Retry-After is honoured up to this). Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one POST may take. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown waits for the buffer to drain after the server has stopped. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>gzip the batches. Default true.</summary>
    public bool Gzip { get; set; } = true;
}
