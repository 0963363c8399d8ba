using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.Infrastructure.Pipeline;

/// <summary>The pipeline health page's services: rates sampled in the background, the snapshot reader, the dead-letter actions.</summary>
internal static class PipelineRegistration
{
    public static IServiceCollection AddPipelineHealth(this IServiceCollection services)
    {
        services.AddSingleton<PipelineRates>();
        services.AddHostedService(provider => provider.GetRequiredService<PipelineRates>());
        services.AddSingleton<PipelineHealth>();
        services.AddScoped<DeadLetterActions>();
        return services;
    }
}
