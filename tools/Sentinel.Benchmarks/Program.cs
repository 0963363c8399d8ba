using System.Globalization;
using BenchmarkDotNet.Running;
using Sentinel.Benchmarks;
using Sentinel.Benchmarks.Dashboard;
using Sentinel.Benchmarks.Ingest;
using Sentinel.Domain.Trust.Session;

// Helpers of scripts/bench-ingest.sh (not BenchmarkDotNet runs).
switch (args.FirstOrDefault())
{
    case "baseline-server":
        await BaselineServer.RunAsync(args[1..]);
        return;
    case "ingest-payload":
        await File.WriteAllTextAsync(args[1], IngestPayload.Create(events: 100));
        return;
    case "dashboard":
        await DashboardBenchmark.RunAsync(args[1..]);
        return;
    case "overview":
        await OverviewBenchmark.RunAsync(args[1..]);
        return;
    case "ingest-key":
        Console.WriteLine(await IngestKey.CreateAsync(args[1..]));
        return;
    case "trust-setup":
        Console.WriteLine(await Sentinel.Benchmarks.Trust.TrustBench.SetupAsync(args[1..]));
        return;
    case "trust-payloads":
        await Sentinel.Benchmarks.Trust.TrustBench.WritePayloadsAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return;
    default:
        break;
}

// The issue asks for the state size after 10,000 events; it is a fact, not a timing, so it is printed directly.
var state = new SessionState();
state.Apply(SyntheticInput.HandSession(seed: 1, events: 10_000));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Session state after {state.Integrity.Events} events: {state.Serialize().Length} bytes"));

// In process: BenchmarkDotNet's generated child project cannot restore the ASP.NET Core packages from this
// machine's feed, and the in-process toolchain measures the same JIT-optimised code.
BenchmarkSwitcher.FromAssembly(typeof(TrustScoringBenchmarks).Assembly).Run(args.Contains("--inProcess") ? args : [.. args, "--inProcess"]);
