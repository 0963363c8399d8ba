using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.Infrastructure.Demo;

internal static class DemoRegistration
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddSingleton<DemoLoader>();
        services.AddTransient<DemoJob>();
        services.AddScoped<DemoRequests>();
        services.AddHttpClient(DemoJob.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(60));
        return services;
    }
}
