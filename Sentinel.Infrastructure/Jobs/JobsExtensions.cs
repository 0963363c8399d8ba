using Hangfire;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Redis;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>
/// Hangfire runs the host's jobs: storage in Redis (under the configured key prefix) in production, in memory in
/// embedded mode. Storage and activator are this host's own services, not Hangfire's static globals, so several
/// hosts in one process (tests) never share or swap them.
/// </summary>
internal static class JobsExtensions
{
    /// <summary>
    /// Hangfire's hosted server throws when its stop is cancelled, which ASP.NET Core's test host does by calling
    /// StopAsync twice (aspnetcore#40271, noted in Hangfire's own code). A cancelled stop leaves drain entries pending
    /// for another worker to claim, so it is logged by the host, not thrown.
    /// </summary>
    private static void WrapHangfireServers(IServiceCollection services, int from)
    {
        for (var i = from; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationFactory is { } create)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(provider => new TolerantStop((IHostedService)create(provider)));
            }
        }
    }

    private sealed class TolerantStop(IHostedService inner) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await inner.StopAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }

    public static void AddSentinelJobs(this IServiceCollection services, WorkerOptions workers, bool useRedis)
    {
        services.AddSingleton<JobStorage>(provider =>
        {
            if (!useRedis)
            {
                return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }

            var redis = provider.GetRequiredService<RedisConnection>();
            return new RedisStorage(redis.Multiplexer, new RedisStorageOptions { Prefix = redis.KeyPrefix + "hangfire:" });
        });
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new TolerantLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))));

        // Drain jobs are long (a run per slot per minute): they get their own queue and their own server workers,
        // so retention or a redrive never waits behind them, and ingest-only hosts (Count = 0) never take them.
        var drains = workers.RunAs == DrainHost.Hangfire ? workers.Count : 0;
        var before = services.Count;
        services.AddHangfireServer((_, options) =>
        {
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:general";
            options.Queues = ["default"];
            options.WorkerCount = 2;

            // The recurring scheduler polls at this interval (15 s by default): a drain slot's next run would start
            // up to 15 s after the last one ended. 1 s keeps the gap near a second per run.
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        if (drains > 0)
        {
            services.AddHangfireServer((_, options) =>
            {
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:drain";
                options.Queues = [DrainJob.Queue];
                options.WorkerCount = drains;
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }

        WrapHangfireServers(services, before);
        services.TryAddSingleton<DrainSlots>();
        services.AddTransient<DrainJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<Analytics.AnalyticsRollupJob>();
        services.AddTransient<DeadLetterJob>();
        services.AddHostedService<RecurringJobsRegistrar>();
        if (workers.RunAs == DrainHost.HostedService && workers.Count > 0)
        {
            services.AddHostedService<HostedDrain>();
        }
    }
}
