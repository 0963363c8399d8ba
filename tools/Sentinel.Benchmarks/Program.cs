using System.Globalization;
using BenchmarkDotNet.Running;
using Sentinel.Benchmarks;
using Sentinel.Domain.Trust.Session;

// The issue asks for the state size after 10,000 events; it is a fact, not a timing, so it is printed directly.
var state = new SessionState();
state.Apply(SyntheticInput.HandSession(seed: 1, events: 10_000));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Session state after {state.Integrity.Events} events: {state.Serialize().Length} bytes"));

BenchmarkSwitcher.FromAssembly(typeof(TrustScoringBenchmarks).Assembly).Run(args);
