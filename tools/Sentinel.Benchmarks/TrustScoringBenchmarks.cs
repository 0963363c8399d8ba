using BenchmarkDotNet.Attributes;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Benchmarks;

/// <summary>
/// Issue target: scoring a batch of 100 events into an existing session in at most 50 µs and 10 KB allocated.
/// The session has already seen 10,000 events; each invocation shifts the batch forward in time so it is new input.
/// </summary>
[MemoryDiagnoser]
public class TrustScoringBenchmarks
{
    private SessionState _state = null!;
    private BehaviorEvent[] _batch = null!;
    private double _sessionSpanMs;
    private double _offset;

    [GlobalSetup]
    public void Setup()
    {
        var history = SyntheticInput.HandSession(seed: 1, events: 10_000);
        _state = new SessionState();
        _state.Apply(history);
        _batch = SyntheticInput.HandSession(seed: 2, events: 100);
        _sessionSpanMs = history[^1].TimestampMs + 1000;
        _offset = _sessionSpanMs;
    }

    [Benchmark]
    public TrustVerdict ScoreBatchOf100()
    {
        var shift = _offset - _batch[0].TimestampMs;
        for (var i = 0; i < _batch.Length; i++)
        {
            _batch[i] = _batch[i] with { TimestampMs = _batch[i].TimestampMs + shift };
        }

        _offset = _batch[^1].TimestampMs + 500;
        return TrustEngine.Score(_state, _batch, TrustContext.Default);
    }

    [Benchmark]
    public byte[] SerializeState() => _state.Serialize();
}
