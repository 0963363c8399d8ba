using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore;

/// <summary><c>builder.Services.AddSentinel(o =&gt; o.Key = ...)</c> and <c>app.UseSentinel()</c>.</summary>
public static class SentinelExtensions
{
    /// <summary>
    /// Registers the SDK: options from the <c>Sentinel</c> configuration section and <paramref name="configure"/>, checked at
    /// start; the bounded buffer; the hosted sender; its HttpClient through IHttpClientFactory; <see cref="SentinelCounters"/>.
    /// </summary>
    public static IServiceCollection AddSentinel(this IServiceCollection services, Action<SentinelOptions>? configure = null)
    {
        var options = services.AddOptions<SentinelOptions>().BindConfiguration("Sentinel").ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SentinelOptions>, SentinelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SentinelCounters>();
        services.TryAddSingleton<SentinelBuffer>();
        services.AddMetrics();
        services.TryAddSingleton<SentinelMetrics>();
        services.AddHttpClient(SentinelSender.HttpClientName);
        services.AddHostedService<SentinelSender>();
        return services;
    }

    /// <summary>Records every request that reaches this point: place it after UseForwardedHeaders and before the endpoints.</summary>
    public static IApplicationBuilder UseSentinel(this IApplicationBuilder app) => app.UseMiddleware<SentinelMiddleware>();
}
