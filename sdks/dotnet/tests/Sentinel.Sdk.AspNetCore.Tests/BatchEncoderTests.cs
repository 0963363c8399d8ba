using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Sdk.AspNetCore.Tests;

/// <summary>What the sender writes for the records the middleware left: Sentinel's fields, formatted once, nulls left out.</summary>
public sealed class BatchEncoderTests
{
    [Fact]
    public void Encode_WritesSentinelsFields_FromTheCapturedReferences()
    {
        var full = new CapturedRequest
        {
            Timestamp = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc),
            ElapsedTicks = Stopwatch.Frequency / 1000 * 3 / 2,
            Method = "post",
            Host = new HostString("api.shop.example", 8443),
            PathBase = new PathString("/v2"),
            Path = new PathString("/orders/7"),
            Route = "orders/{id:int}",
            Status = 503,
            RequestBytes = 120,
            ResponseBytes = 0,
            ConsumerId = new string('c', 200),
            Ip = IPAddress.Parse("2001:db8::1"),
            UserAgent = "curl/8",
            Environment = "staging",
            Error = new string('e', 3000),
        };
        var bare = new CapturedRequest { Method = "GET", Environment = "production", Path = PathString.Empty };
        using var encoder = new BatchEncoder(gzip: false);

        using var json = JsonDocument.Parse(encoder.Encode([full, bare]).AsMemory());

        var events = json.RootElement.GetProperty("events");
        var e = events[0];
        Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("id").GetString());
        Assert.Equal("2026-11-25T12:00:00Z", e.GetProperty("timestamp").GetString());
        Assert.Equal("POST", e.GetProperty("method").GetString());
        Assert.Equal("api.shop.example", e.GetProperty("host").GetString());
        Assert.Equal("/v2/orders/7", e.GetProperty("path").GetString());
        Assert.Equal("/orders/{id:int}", e.GetProperty("route").GetString());
        Assert.Equal(503, e.GetProperty("status").GetInt32());
        Assert.Equal(1.5, e.GetProperty("durationMs").GetDouble(), 3);
        Assert.Equal(120, e.GetProperty("requestBytes").GetInt64());
        Assert.Equal(128, e.GetProperty("consumerId").GetString()!.Length);
        Assert.Equal("2001:db8::1", e.GetProperty("ip").GetString());
        Assert.Equal("curl/8", e.GetProperty("userAgent").GetString());
        Assert.Equal("staging", e.GetProperty("environment").GetString());
        Assert.Equal("sentinel-dotnet", e.GetProperty("sdk").GetProperty("name").GetString());
        Assert.Equal(2048, e.GetProperty("error").GetString()!.Length);
        var b = events[1];
        Assert.Equal("/", b.GetProperty("path").GetString());
        foreach (var absent in new[] { "route", "requestBytes", "responseBytes", "consumerId", "ip", "userAgent", "headers", "error" })
        {
            Assert.False(b.TryGetProperty(absent, out _), absent);
        }
    }

    [Fact]
    public void Encode_AgainAfterARetryOrASplit_KeepsTheIds_AndGzipHoldsTheSameJson()
    {
        var batch = Enumerable.Range(0, 150).Select(i => new CapturedRequest { Method = "GET", Environment = "production", Path = new PathString($"/items/{i}") }).ToList();
        using var plain = new BatchEncoder(gzip: false);
        using var zipped = new BatchEncoder(gzip: true);

        var first = plain.Encode(batch).ToArray();
        var again = plain.Encode(batch).ToArray();
        using var unzip = new GZipStream(new MemoryStream(zipped.Encode(batch).ToArray()), CompressionMode.Decompress);
        using var text = new MemoryStream();
        unzip.CopyTo(text);

        Assert.Equal(first, again);
        Assert.Equal(first, text.ToArray());
        Assert.Equal(150, batch.Select(e => e.Id).Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, batch.Select(e => e.Id));
    }
}
