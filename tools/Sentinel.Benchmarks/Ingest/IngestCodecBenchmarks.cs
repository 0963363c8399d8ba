using System.Text;
using BenchmarkDotNet.Attributes;
using Sentinel.Domain.Analytics;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>
/// CPU per batch of 100 events on each side of the queue: the endpoint's check, the worker's read of the queued
/// JSON, and the rows it writes (RowBinary for ClickHouse, NDJSON for Tinybird).
/// Run: <c>dotnet run -c Release --project tools/Sentinel.Benchmarks -- --filter '*IngestCodec*'</c>.
/// </summary>
[MemoryDiagnoser]
public class IngestCodecBenchmarks
{
    private readonly ApiEventReader _reader = new(DateTime.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7));
    private readonly Guid _project = Guid.NewGuid();
    private byte[] _body = [];
    private byte[] _queued = [];
    private byte[] _compressed = [];
    private List<ApiEvent> _events = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(IngestPayload.Create(events: 100));
        _queued = _reader.CheckBatch(_body, 1000).ValidEventsJson(_body);
        _compressed = QueuedBatchCodec.Encode(new QueuedBatch(_project, _queued), compress: true);
        Console.WriteLine($"// body {_body.Length} bytes, queued {_queued.Length}, compressed for Redis {_compressed.Length}");
        _events = ApiEventReader.ForQueuedEvents.ReadQueued(_queued, _project)!;
    }

    [Benchmark(Description = "endpoint: check batch + copy valid events")]
    public byte[] CheckBatch() => _reader.CheckBatch(_body, 1000).ValidEventsJson(_body);

    [Benchmark(Description = "endpoint: compress for Redis")]
    public byte[] Compress() => QueuedBatchCodec.Encode(new QueuedBatch(_project, _queued), compress: true);

    [Benchmark(Description = "worker: decompress")]
    public int Decompress() => QueuedBatchCodec.TryDecode(_compressed)!.EventsJson.Length;

    [Benchmark(Description = "worker: read queued events")]
    public int ReadQueued() => ApiEventReader.ForQueuedEvents.ReadQueued(_queued, _project)!.Count;

    [Benchmark(Description = "worker: RowBinary rows")]
    public byte[] RowBinary() => EventRows.ToRowBinary(_events);

    [Benchmark(Description = "worker: NDJSON rows")]
    public byte[] Ndjson() => EventRows.ToNdjson(_events);
}
