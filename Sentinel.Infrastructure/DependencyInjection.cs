using System.Net.Http.Headers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Infrastructure.Analytics.ClickHouse;
using Sentinel.Infrastructure.Analytics.Embedded;
using Sentinel.Infrastructure.Analytics.Tinybird;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.DataProtection;
using Sentinel.Infrastructure.Demo;
using Sentinel.Infrastructure.Health;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Jobs;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Observability;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Pipeline;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Redis;
using Sentinel.Infrastructure.Team;
using Sentinel.Infrastructure.Trust;

namespace Sentinel.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Tag of the health checks that <c>/readyz</c> runs.</summary>
    public const string ReadinessTag = "ready";

    public static IHostApplicationBuilder AddSentinelInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<SentinelOptions>().BindConfiguration(SentinelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SentinelOptions>, DeploymentOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SentinelMetrics>();

        services.AddAppDatabase(builder);
        services.AddScoped<DatabaseInitializer>();
        services.AddDataProtection().SetApplicationName("Sentinel");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
        services.AddScoped<AuditLog>();
        services.AddScoped<ProjectService>();
        services.AddScoped<TeamService>();
        services.AddKeys();

        var healthChecks = services.AddHealthChecks()
            .AddDbContextCheck<SentinelDbContext>("database", tags: [ReadinessTag]);

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.IsConfigured)
        {
            services.AddSingleton<RedisConnection>();
            healthChecks.AddCheck<RedisHealthCheck>("redis", tags: [ReadinessTag]);
        }

        AddIngestion(builder, services, redis.IsConfigured);
        services.AddTrust(redis.IsConfigured);
        healthChecks.AddCheck<IngestBacklogHealthCheck>("ingest-backlog", tags: [ReadinessTag]);
        AddAnalyticsStoreHealthCheck(builder.Configuration, services, healthChecks);
        services.AddPipelineHealth(redis.IsConfigured);
        services.AddDemo();
        return builder;
    }

    /// <summary>The queue with its per-key rate (Redis when configured, in-process otherwise), the analytics store and the workers.</summary>
    private static void AddIngestion(IHostApplicationBuilder builder, IServiceCollection services, bool useRedis)
    {
        if (useRedis)
        {
            services.AddSingleton<IIngestQueue, RedisIngestQueue>();
        }
        else
        {
            services.AddSingleton<IIngestQueue, InProcessIngestQueue>();
        }

        var analytics = builder.Configuration.GetSection(AnalyticsOptions.Section).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        switch (analytics.Store)
        {
            case AnalyticsStoreKind.ClickHouse:
                services.AddHttpClient<IAnalyticsStore, ClickHouseStore>(http => http.Timeout = TimeSpan.FromSeconds(30));
                break;
            case AnalyticsStoreKind.Tinybird:
                services.AddHttpClient<IAnalyticsStore, TinybirdStore>(http => http.Timeout = TimeSpan.FromSeconds(30));
                break;
            default:
                services.AddSingleton<IAnalyticsStore>(provider =>
                {
                    var sentinel = provider.GetRequiredService<IOptions<SentinelOptions>>().Value;
                    var directory = Path.GetFullPath(sentinel.DataDirectory, builder.Environment.ContentRootPath);
                    // analytics.duckdb: an analytics.db left by the SQLite store of earlier versions is not read (ADR 016).
                    return new EmbeddedAnalyticsStore(Path.Combine(directory, "analytics.duckdb"));
                });
                break;
        }

        var workers = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        services.AddSentinelJobs(workers, useRedis);
        services.AddSingleton<QueueBacklogGauges>();
        services.AddHostedService(provider => provider.GetRequiredService<QueueBacklogGauges>());
    }

    private static void AddAnalyticsStoreHealthCheck(IConfiguration configuration, IServiceCollection services, IHealthChecksBuilder healthChecks)
    {
        var analytics = configuration.GetSection(AnalyticsOptions.Section).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        services.AddHttpClient(nameof(HttpPingHealthCheck), http => http.Timeout = TimeSpan.FromSeconds(3));
        switch (analytics.Store)
        {
            case AnalyticsStoreKind.ClickHouse when analytics.ClickHouse.Url is { } url:
                healthChecks.Add(new HealthCheckRegistration(
                    "analytics-store",
                    provider => new HttpPingHealthCheck(
                        provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpPingHealthCheck)),
                        () => new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/ping")),
                        "ClickHouse"),
                    HealthStatus.Unhealthy,
                    [ReadinessTag]));
                break;
            case AnalyticsStoreKind.Tinybird when analytics.Tinybird.ApiUrl is { } api:
                healthChecks.Add(new HealthCheckRegistration(
                    "analytics-store",
                    provider => new HttpPingHealthCheck(
                        provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpPingHealthCheck)),
                        () => new HttpRequestMessage(HttpMethod.Get, new Uri(api, "/v0/datasources"))
                        {
                            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", analytics.Tinybird.Token) },
                        },
                        "Tinybird"),
                    HealthStatus.Unhealthy,
                    [ReadinessTag]));
                break;
            default:
                // The embedded store lives in the app's own data folder; the database check covers its availability.
                break;
        }
    }
}
