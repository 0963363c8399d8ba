using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Observability;

/// <summary>
/// Export of traces and of the <c>Sentinel</c> meter over OTLP. Section <c>Telemetry</c>. Off unless
/// <see cref="OtlpEndpoint"/> is set: a host without a collector pays nothing for it.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The collector, e.g. <c>http://otel-collector:4318</c> (HTTP/protobuf) or <c>http://otel-collector:4317</c> (gRPC).</summary>
    public Uri? OtlpEndpoint { get; set; }

    public OtlpTransport OtlpProtocol { get; set; } = OtlpTransport.HttpProtobuf;

    /// <summary>The <c>service.name</c> resource attribute every span and metric carries.</summary>
    [Required]
    public string ServiceName { get; set; } = "sentinel";

    public bool IsEnabled => OtlpEndpoint is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"{Section}:{nameof(OtlpEndpoint)} must be an absolute http:// or https:// address of an OTLP collector, or empty to turn export off.", [nameof(OtlpEndpoint)]);
        }
    }
}

/// <summary>How spans and metrics travel to the collector.</summary>
public enum OtlpTransport
{
    /// <summary>OTLP over HTTP with protobuf bodies (port 4318 by convention): <c>/v1/traces</c>, <c>/v1/metrics</c>.</summary>
    HttpProtobuf,

    /// <summary>OTLP over gRPC (port 4317 by convention).</summary>
    Grpc,
}
