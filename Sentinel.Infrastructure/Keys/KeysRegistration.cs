using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.Infrastructure.Keys;

/// <summary>The Keys column's services: the key store, the authentication cache, failed-attempt limits and last-used tracking.</summary>
public static class KeysRegistration
{
    /// <summary>Where the key settings lived before they had their own section; still read, <see cref="KeyOptions.Section"/> wins.</summary>
    private const string LegacySection = "Ingest";

    public static IServiceCollection AddKeys(this IServiceCollection services)
    {
        services.AddOptions<KeyOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var legacy = configuration.GetSection(LegacySection);
                options.CacheLifetime = legacy.GetValue("KeyCacheLifetime", options.CacheLifetime);
                options.FailedAttemptsPerMinute = legacy.GetValue("FailedKeyAttemptsPerMinute", options.FailedAttemptsPerMinute);
                options.UsageFlushInterval = legacy.GetValue("KeyUsageFlushInterval", options.UsageFlushInterval);
            })
            .BindConfiguration(KeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddMemoryCache();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton(provider => new ApiKeyUsage(provider.GetService<Redis.RedisConnection>()));
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<FailedKeyAttempts>();
        services.AddSingleton<KeyUsageFlushJob>();
        services.AddHostedService(provider => provider.GetRequiredService<KeyUsageFlushJob>());
        return services;
    }
}
