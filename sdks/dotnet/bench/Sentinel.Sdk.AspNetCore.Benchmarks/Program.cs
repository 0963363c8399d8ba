using BenchmarkDotNet.Running;
using Sentinel.Sdk.AspNetCore.Benchmarks;

// In process, as tools/Sentinel.Benchmarks does: BenchmarkDotNet's generated child project cannot restore the ASP.NET
// Core packages from this machine's feed, and the in-process toolchain measures the same JIT-optimised code.
BenchmarkSwitcher.FromAssembly(typeof(CapturePathBenchmarks).Assembly).Run(args.Contains("--inProcess") ? args : [.. args, "--inProcess"]);
