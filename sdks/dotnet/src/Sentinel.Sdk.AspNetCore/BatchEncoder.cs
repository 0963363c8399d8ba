using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// Writes a batch as <c>{"events":[...]}</c> (Sentinel's camelCase fields, nulls left out) into one reused buffer,
/// gzipped at the fastest level when on. Ids are drawn here for events that have none, from one random fill per batch
/// (a <see cref="Guid.NewGuid"/> per event is a system call each). One encoder per sender: not thread-safe.
/// </summary>
internal sealed class BatchEncoder(bool gzip) : IDisposable
{
    private readonly MemoryStream _body = new();
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });

    /// <summary>The last batch's bytes, valid until the next <see cref="Encode"/>.</summary>
    public ArraySegment<byte> Body => new(_body.GetBuffer(), 0, (int)_body.Length);

    public bool Gzip => gzip;

    public void Dispose()
    {
        _json.Dispose();
        _body.Dispose();
    }

    public ArraySegment<byte> Encode(IReadOnlyList<CapturedRequest> batch)
    {
        GiveIds(batch);
        _body.SetLength(0);
        if (gzip)
        {
            using var zip = new GZipStream(_body, CompressionLevel.Fastest, leaveOpen: true);
            Write(zip, batch);
        }
        else
        {
            Write(_body, batch);
        }

        return Body;
    }

    private void Write(Stream stream, IReadOnlyList<CapturedRequest> batch)
    {
        var w = _json;
        w.Reset(stream);
        w.WriteStartObject();
        w.WriteStartArray("events");
        for (var i = 0; i < batch.Count; i++)
        {
            WriteEvent(w, batch[i]);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        // Let go of the (gzip) stream: it is disposed after this batch, and the writer would flush into it later.
        w.Reset(Stream.Null);
    }

    private static void WriteEvent(Utf8JsonWriter w, CapturedRequest e)
    {
        Span<char> text = stackalloc char[64];
        w.WriteStartObject();
        e.Id.TryFormat(text, out var n, "N");
        w.WriteString("id", text[..n]);
        w.WriteString("timestamp", e.Timestamp);
        w.WriteString("method", e.Method.ToUpperInvariant());
        w.WriteString("host", e.Host.Host);
        var path = e.PathBase.Add(e.Path).Value;
        w.WriteString("path", string.IsNullOrEmpty(path) ? "/" : path);
        if (e.Route is { } route)
        {
            w.WriteString("route", route.StartsWith('/') ? route : "/" + route);
        }

        w.WriteNumber("status", e.Status);
        w.WriteNumber("durationMs", Math.Round(e.ElapsedTicks * 1000.0 / Stopwatch.Frequency, 3));
        if (e.RequestBytes is { } requestBytes)
        {
            w.WriteNumber("requestBytes", requestBytes);
        }

        if (e.ResponseBytes is { } responseBytes)
        {
            w.WriteNumber("responseBytes", responseBytes);
        }

        WriteText(w, "consumerId", e.ConsumerId, 128);
        if (e.Ip is { } ip && ip.TryFormat(text, out n))
        {
            w.WriteString("ip", text[..n]);
        }

        WriteText(w, "userAgent", e.UserAgent, 512);
        w.WriteString("environment", e.Environment);
        w.WriteStartObject("sdk");
        w.WriteString("name", SdkInfo.Name);
        w.WriteString("version", SdkInfo.Version);
        w.WriteEndObject();
        if (e.Headers is { } headers)
        {
            w.WriteStartObject("headers");
            foreach (var (name, value) in headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }

        WriteText(w, "error", e.Error, 2048);
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? value, int max)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value.Length <= max ? value : value.AsSpan(0, max));
        }
    }

    private static void GiveIds(IReadOnlyList<CapturedRequest> batch)
    {
        Span<byte> random = stackalloc byte[16 * 64];
        var filled = 0;
        var used = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Id != Guid.Empty)
            {
                continue;
            }

            if (used == filled)
            {
                RandomNumberGenerator.Fill(random);
                filled = random.Length / 16;
                used = 0;
            }

            batch[i].Id = new Guid(random.Slice(used++ * 16, 16));
        }
    }
}
