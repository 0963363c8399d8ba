using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Sdk.AspNetCore.Benchmarks;

/// <summary>The sender's work for one full batch (200 events): ids, JSON, and gzip when on. Divide by 200 for per event.</summary>
[MemoryDiagnoser]
public class EncodeBenchmarks : IDisposable
{
    private readonly List<CapturedRequest> _batch = [];
    private BatchEncoder _encoder = null!;

    [Params(true, false)]
    public bool Gzip { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new BatchEncoder(Gzip);
        var ip = IPAddress.Parse("10.0.0.7");
        for (var i = 0; i < 200; i++)
        {
            _batch.Add(new CapturedRequest
            {
                Timestamp = DateTime.UtcNow,
                ElapsedTicks = Stopwatch.Frequency / 1000 * (i % 7),
                Method = "GET",
                Host = new HostString("api.shop.example", 8080),
                Path = new PathString($"/orders/{i}"),
                Route = "/orders/{id:int}",
                Status = 200,
                ResponseBytes = 11,
                ConsumerId = $"cus_{i % 13}",
                Ip = ip,
                UserAgent = "Mozilla/5.0 (X11; Linux x86_64) bench",
                Environment = "production",
            });
        }
    }

    [Benchmark]
    public int EncodeBatchOf200()
    {
        foreach (var e in _batch)
        {
            e.Id = Guid.Empty;
        }

        return _encoder.Encode(_batch).Count;
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        GC.SuppressFinalize(this);
    }
}
