using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Trust.Jobs;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Infrastructure.Trust.Review;
using Sentinel.Infrastructure.Trust.Sessions;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Infrastructure.Trust.Storage;

namespace Sentinel.Infrastructure.Trust;

/// <summary>The trust column's services: hot state in Redis (or in process when Redis is not configured), cold storage, jobs.</summary>
public static class TrustServices
{
    public static IServiceCollection AddTrust(this IServiceCollection services, bool useRedis)
    {
        services.AddOptions<TrustOptions>().BindConfiguration(TrustOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.SessionTtl > o.IdleTimeout, "Trust:SessionTtl must be longer than Trust:IdleTimeout, or sessions expire before they are finished.")
            .Validate(o => o.JobInterval > TimeSpan.Zero, "Trust:JobInterval must be positive.")
            .ValidateOnStart();
        if (useRedis)
        {
            services.AddSingleton<ITrustSessionStore, RedisTrustSessionStore>();
            services.AddSingleton<ITrustSessionFeed, RedisSessionFeed>();
        }
        else
        {
            services.AddSingleton<ITrustSessionStore, InProcessTrustSessionStore>();
            services.AddSingleton<ITrustSessionFeed, InProcessSessionFeed>();
        }

        services.AddSingleton<TrustSettingsService>();
        services.AddSingleton<TrustProfileLoader>();
        services.AddSingleton<TrustScoringService>();
        services.AddSingleton<TrustSessionsService>();
        services.AddScoped<TrustReviewService>();
        services.AddSingleton<TrustFinalizationJob>();
        services.AddSingleton<TrustBaselineLearningJob>();
        services.AddHostedService<TrustJobsRegistrar>();
        return services;
    }
}
