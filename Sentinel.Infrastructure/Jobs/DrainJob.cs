using Hangfire;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>
/// The analytics drain as Hangfire work: recurring job <c>ingest-drain-N</c> per slot, every minute, each run
/// draining continuously until the next minute starts (then the next run takes over, usually on the same host).
/// Runs show in the dashboard with their duration and host; deleting or triggering a slot's recurring job stops or
/// starts it. The drain itself is <see cref="IngestWorker"/>: consumer group, ack after write, claims, dead letters.
/// </summary>
public sealed class DrainJob(DrainSlots slots, IOptions<WorkerOptions> options, TimeProvider time)
{
    public const string Queue = "drain";

    public static string RecurringId(int slot) => $"ingest-drain-{slot}";

    /// <summary>Drains until the end of the current minute (minus a little, so runs never overlap on a host).</summary>
    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Drain ingestion queue, slot {0}")]
    public async Task<string> RunAsync(int slot, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runLength = options.Value.DrainRunLength;
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % runLength.Ticks), TimeSpan.Zero) + runLength - TimeSpan.FromMilliseconds(250);
        using var until = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        until.CancelAfter(end > now ? end - now : TimeSpan.Zero);
        var worker = slots.Worker(slot);
        var ran = await slots.RunAsync(slot, until.Token);
        return ran
            ? $"Drained until {end:HH:mm:ss} as {worker.Consumer}; holding {worker.HeldEntries} entries."
            : "This slot was already draining on this host.";
    }
}
