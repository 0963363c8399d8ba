using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using K4os.Compression.LZ4;
using Sentinel.Domain.Analytics;
using ZstdSharp;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>
/// Which compression queue entries get (ADR 029): zlib (ADR 012's choice), LZ4 and zstd on the rows of one realistic
/// 100-event batch, each way. The sizes (what Redis stores and moves per batch) are printed once at setup.
/// Run: <c>dotnet run -c Release --project tools/Sentinel.Benchmarks -- --filter '*QueueCompression*'</c>.
/// </summary>
[MemoryDiagnoser]
public class QueueCompressionBenchmarks
{
    private byte[] _rows = [];
    private byte[] _zlib = [];
    private byte[] _lz4 = [];
    private byte[] _zstd1 = [];
    private byte[] _zstd3 = [];
    // Contexts reused across calls, as a host would keep one per thread (creating one costs more than a batch).
    private static readonly Compressor ZstdFast = new(1);
    private static readonly Compressor ZstdDefault = new(3);
    private static readonly Decompressor Unzstd1 = new();

    [GlobalSetup]
    public void Setup()
    {
        var body = Encoding.UTF8.GetBytes(IngestPayload.Create(events: 100));
        _rows = new ApiEventReader(DateTime.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7)).CheckBatch(body, 1000, Guid.NewGuid()).Rows.Bytes.ToArray();
        _zlib = Zlib();
        _lz4 = Lz4();
        _zstd1 = Zstd1();
        _zstd3 = Zstd3();
        Console.WriteLine($"// rows {_rows.Length} bytes; zlib {_zlib.Length} ({Ratio(_zlib)}), lz4 {_lz4.Length} ({Ratio(_lz4)}), zstd-1 {_zstd1.Length} ({Ratio(_zstd1)}), zstd-3 {_zstd3.Length} ({Ratio(_zstd3)})");
    }

    [Benchmark(Baseline = true, Description = "zlib fastest: compress")]
    public byte[] Zlib()
    {
        using var buffer = new MemoryStream(_rows.Length / 4);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(_rows);
        }

        return buffer.ToArray();
    }

    [Benchmark(Description = "zlib: inflate")]
    public int Unzlib()
    {
        using var zlib = new ZLibStream(new MemoryStream(_zlib), CompressionMode.Decompress);
        var rows = new byte[_rows.Length];
        zlib.ReadExactly(rows);
        return rows.Length;
    }

    [Benchmark(Description = "LZ4 fast: compress")]
    public byte[] Lz4()
    {
        var target = new byte[LZ4Codec.MaximumOutputSize(_rows.Length)];
        return target[..LZ4Codec.Encode(_rows, target, LZ4Level.L00_FAST)];
    }

    [Benchmark(Description = "LZ4: decompress")]
    public int Unlz4() => LZ4Codec.Decode(_lz4, new byte[_rows.Length]);

    [Benchmark(Description = "zstd level 1: compress")]
    public byte[] Zstd1() => ZstdFast.Wrap(_rows).ToArray();

    [Benchmark(Description = "zstd level 3: compress")]
    public byte[] Zstd3() => ZstdDefault.Wrap(_rows).ToArray();

    [Benchmark(Description = "zstd: decompress (level 1)")]
    public int Unzstd() => Unzstd1.Unwrap(_zstd1, new byte[_rows.Length], 0);

    private string Ratio(byte[] compressed) => (_rows.Length / (double)compressed.Length).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "x";
}
