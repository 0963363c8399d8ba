using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Sentinel.Domain.Analytics;

namespace Sentinel.Web.Ingestion;

/// <summary>
/// The body of <c>POST /v1/events/batch</c> as the OpenAPI document describes it. The endpoint does not bind it
/// (ApiEventReader checks the raw bytes in one pass and reports each bad event); these types exist so that the
/// schema an SDK author reads carries the same names and limits the reader enforces (<see cref="ApiEventLimits"/>).
/// </summary>
[Description("A batch of API events. Valid events are accepted even when others in the batch are rejected.")]
public sealed record EventsBatchRequest(
    [property: Required, MinLength(1), MaxLength(1000), Description("1 to Ingest:MaxEventsPerBatch (default 1000) events.")]
    IReadOnlyList<ApiEventBody> Events);

/// <summary>One HTTP request/response recorded by an SDK, as sent.</summary>
public sealed record ApiEventBody
{
    [Required, MaxLength(ApiEventLimits.IdMaxLength), Description("Chosen by the client; an event sent twice with the same id is counted once.")]
    public required string Id { get; init; }

    [Required, Description("UTC, ISO 8601 (or Unix milliseconds as a number); at most Ingest:MaxEventAge old and Ingest:MaxFutureSkew ahead.")]
    public required DateTimeOffset Timestamp { get; init; }

    [Required, MaxLength(ApiEventLimits.MethodMaxLength), RegularExpression("^[A-Z]+$"), Description("Upper-case HTTP method.")]
    public required string Method { get; init; }

    [Required, MaxLength(ApiEventLimits.HostMaxLength)]
    public required string Host { get; init; }

    [Required, MaxLength(ApiEventLimits.PathMaxLength), RegularExpression("^/.*"), Description("The path as requested, starting with '/'.")]
    public required string Path { get; init; }

    [MaxLength(ApiEventLimits.RouteMaxLength), Description("The route template, e.g. /orders/{id}; the path when omitted.")]
    public string? Route { get; init; }

    [Required, Range(100, 599)]
    public required int Status { get; init; }

    [Required, Range(0, ApiEventLimits.MaxDurationMs)]
    public required double DurationMs { get; init; }

    [Range(0, long.MaxValue)]
    public long? RequestBytes { get; init; }

    [Range(0, long.MaxValue)]
    public long? ResponseBytes { get; init; }

    [MaxLength(ApiEventLimits.EnvironmentMaxLength), RegularExpression("^[A-Za-z0-9._-]+$"), Description("Default 'production'.")]
    public string? Environment { get; init; }

    [MaxLength(ApiEventLimits.ConsumerIdMaxLength), Description("Who called the API (a customer or account id), for per-consumer dashboards.")]
    public string? ConsumerId { get; init; }

    [MaxLength(ApiEventLimits.IpMaxLength), Description("IPv4 or IPv6 address of the caller.")]
    public string? Ip { get; init; }

    [MaxLength(ApiEventLimits.UserAgentMaxLength)]
    public string? UserAgent { get; init; }

    public SdkBody? Sdk { get; init; }

    [Description("At most 64 header names to string values (each at most 1024 characters), masked by the SDK.")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [MaxLength(ApiEventLimits.ErrorMaxLength)]
    public string? Error { get; init; }
}

/// <summary>Which SDK sent the event.</summary>
public sealed record SdkBody(
    [property: MaxLength(ApiEventLimits.SdkFieldMaxLength)] string? Name,
    [property: MaxLength(ApiEventLimits.SdkFieldMaxLength)] string? Version);
