using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>
/// A quick steady-state figure for the endpoint's own per-batch work (check + row encoding, then the LZ4 entry), on
/// one thread, with the bytes allocated per batch: for iterating on the reader in seconds where BenchmarkDotNet takes
/// minutes. The published per-step figures come from <see cref="IngestCodecBenchmarks"/>.
/// Run: <c>dotnet tools/Sentinel.Benchmarks/bin/Release/net10.0/Sentinel.Benchmarks.dll ingest-cpu [seconds]</c>.
/// </summary>
internal static class IngestCpuProbe
{
    public static void Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var body = Encoding.UTF8.GetBytes(IngestPayload.Create(events: 100));
        var project = Guid.NewGuid();
        var reader = new ApiEventReader(DateTime.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7));

        Measure("warm-up (not a figure)", seconds, () =>
        {
            using var check = reader.CheckBatch(body, 1000, project);
            return QueuedBatchCodec.Encode(new QueuedBatch(project, check.Rows), compress: true).Length;
        });
        Measure("check + encode rows", seconds, () =>
        {
            using var check = reader.CheckBatch(body, 1000, project); // as the endpoint does: the pooled rows go back
            return check.Rows.Count;
        });
        var batch = new QueuedBatch(project, reader.CheckBatch(body, 1000, project).Rows);
        Measure("queue entry (LZ4 + hash)", seconds, () => QueuedBatchCodec.Encode(batch, compress: true).Length);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
    }

    private static void Measure(string name, double seconds, Func<int> batch)
    {
        var sink = 0;
        var count = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            sink += batch();
            count++;
        }

        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} {clock.Elapsed.TotalMicroseconds / count,8:F1} µs/batch wall {cpuUs,8:F1} µs/batch CPU {bytes,8} B allocated/batch ({sink % 2})"));
    }
}
