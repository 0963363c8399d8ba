using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>The pipeline health page's services: rates sampled in the background (and shared through Redis when there is one), the snapshot reader, the dead-letter actions.</summary>
internal static class PipelineRegistration
{
    /// <param name="useRedis">Rates summed over every host on the Redis (ADR 032); otherwise this process's own.</param>
    public static IServiceCollection AddPipelineHealth(this IServiceCollection services, bool useRedis)
    {
        services.AddSingleton<PipelineRates>();
        services.AddHostedService(provider => provider.GetRequiredService<PipelineRates>());
        if (useRedis)
        {
            services.AddSingleton<ClusterPipelineRates>();
            services.AddHostedService(provider => provider.GetRequiredService<ClusterPipelineRates>());
        }

        services.AddSingleton<PipelineHealth>();
        services.AddScoped<DeadLetterActions>();
        return services;
    }
}
