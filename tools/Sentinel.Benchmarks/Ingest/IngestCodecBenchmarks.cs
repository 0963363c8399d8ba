using System.Text;
using BenchmarkDotNet.Attributes;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>
/// CPU per batch of 100 events on each side of the queue (ADR 029): the endpoint checks the body and encodes the
/// rows in one pass, then compresses them for Redis; the worker decompresses and checks the entry, and hands the
/// rows to the store (ClickHouse as they are, NDJSON for Tinybird). "before" rows are what ADR 012's worker did
/// instead: parse the queued JSON again.
/// Run: <c>dotnet run -c Release --project tools/Sentinel.Benchmarks -- --filter '*IngestCodec*'</c>.
/// </summary>
[MemoryDiagnoser]
public class IngestCodecBenchmarks
{
    private readonly ApiEventReader _reader = new(DateTime.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7));
    private readonly Guid _project = Guid.NewGuid();
    private byte[] _body = [];
    private byte[] _json = [];
    private QueuedBatch _batch = null!;
    private byte[] _compressed = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(IngestPayload.Create(events: 100));
        var check = _reader.CheckBatch(_body, 1000, _project);
        _json = check.ValidEventsJson(_body);
        _batch = new QueuedBatch(_project, check.Rows);
        _compressed = QueuedBatchCodec.Encode(_batch, compress: true);
        Console.WriteLine($"// body {_body.Length} bytes, valid events as JSON {_json.Length}, as rows {check.Rows.Bytes.Length}, queue entry for Redis {_compressed.Length}");
    }

    [Benchmark(Description = "endpoint: check batch + encode rows")]
    public int CheckBatch()
    {
        using var batch = _reader.CheckBatch(_body, 1000, _project); // as the endpoint does: the pooled rows go back once queued
        return batch.Rows.Count;
    }

    [Benchmark(Description = "endpoint: entry for Redis (LZ4 + hash)")]
    public byte[] Compress() => QueuedBatchCodec.Encode(_batch, compress: true);

    [Benchmark(Description = "worker: decode entry (LZ4 + hash + row check)")]
    public int Decode() => QueuedBatchCodec.TryDecode(_compressed)!.Rows.Count;

    [Benchmark(Description = "worker: NDJSON for Tinybird from rows")]
    public byte[] Ndjson() => EventRows.ToNdjson(_batch.Rows);

    [Benchmark(Description = "before: worker parsed the queued JSON")]
    public int ReadQueuedJson() => ApiEventReader.ForQueuedEvents.ReadQueued(_json, _project)!.Count;

    [Benchmark(Description = "before: RowBinary from parsed events")]
    public int RowsFromEvents() => ApiEventRows.From(ApiEventReader.ForQueuedEvents.ReadQueued(_json, _project)!).Count;
}
