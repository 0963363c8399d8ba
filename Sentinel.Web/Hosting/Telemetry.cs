using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sentinel.Infrastructure.Observability;

namespace Sentinel.Web.Hosting;

/// <summary>
/// Traces (incoming requests; outgoing HTTP calls such as ClickHouse and Tinybird writes), metrics (the
/// <c>Sentinel</c> meter and ASP.NET Core's own) and logs exported over OTLP when <c>Telemetry:OtlpEndpoint</c> is
/// set. With the setting empty nothing is registered at all: the default host has no exporter and no listener.
/// </summary>
internal static class Telemetry
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (settings.OtlpEndpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" } endpoint)
        {
            // Off (or not an address, which ValidateOnStart reports with its key before the host serves anything).
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(SentinelMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            // One exporter for every signal; for HTTP/protobuf it appends /v1/traces, /v1/metrics and /v1/logs.
            .UseOtlpExporter(settings.OtlpProtocol == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, endpoint);
        return builder;
    }

    /// <summary>Health probes every few seconds from every load balancer would drown the traces that matter.</summary>
    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz");
}
