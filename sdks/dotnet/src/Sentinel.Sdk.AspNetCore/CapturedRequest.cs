using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// One finished request as the middleware leaves it in the buffer: references and numbers taken from the request as they
/// are (no string built, no id drawn, no text formatted). <see cref="BatchEncoder"/> turns it into Sentinel's JSON event
/// on the sender's thread, once per batch; the id is drawn then and kept for every retry.
/// </summary>
internal sealed class CapturedRequest
{
    public Guid Id;
    public DateTime Timestamp;
    public long ElapsedTicks;
    public required string Method;
    public HostString Host;
    public PathString PathBase;
    public PathString Path;
    public string? Route;
    public int Status;
    public long? RequestBytes;
    public long? ResponseBytes;
    public string? ConsumerId;
    public IPAddress? Ip;
    public string? UserAgent;
    public required string Environment;
    public Dictionary<string, string>? Headers;
    public string? Error;
}

/// <summary>The <c>sdk</c> field of every event.</summary>
internal static class SdkInfo
{
    public const string Name = "sentinel-dotnet";

    public static readonly string Version = typeof(SdkInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

internal sealed record BatchAnswer(int Accepted, int Rejected);

/// <summary>Source-generated JSON for Sentinel's answer (the events are written by <see cref="BatchEncoder"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BatchAnswer))]
internal sealed partial class SdkJson : JsonSerializerContext;
