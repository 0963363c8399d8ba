using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>One API request as Sentinel's <c>POST /v1/events/batch</c> takes it.</summary>
internal sealed class ApiEventRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string Method { get; init; }
    public required string Host { get; init; }
    public required string Path { get; init; }
    public string? Route { get; init; }
    public required int Status { get; init; }
    public required double DurationMs { get; init; }
    public long? RequestBytes { get; init; }
    public long? ResponseBytes { get; init; }
    public string? ConsumerId { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public string? Environment { get; init; }
    public SdkInfo Sdk { get; init; } = SdkInfo.This;
    public Dictionary<string, string>? Headers { get; init; }
    public string? Error { get; init; }
}

/// <summary>The <c>sdk</c> field of every event.</summary>
internal sealed record SdkInfo(string Name, string Version)
{
    public static readonly SdkInfo This = new("sentinel-dotnet", typeof(SdkInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}

internal sealed record EventBatch(IReadOnlyList<ApiEventRecord> Events);

internal sealed record BatchAnswer(int Accepted, int Rejected);

/// <summary>Source-generated JSON (no reflection in the sender): camelCase, nulls left out, as Sentinel reads it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(BatchAnswer))]
internal sealed partial class SdkJson : JsonSerializerContext;
