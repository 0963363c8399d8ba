using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Redis;
using StackExchange.Redis;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// Deletes each project's events older than its retention, every <see cref="WorkerOptions.RetentionInterval"/>.
/// With several hosts, a Redis lease lets one of them do it per interval (the others skip).
/// </summary>
public sealed partial class RetentionWorker(
    IServiceScopeFactory scopes,
    IAnalyticsStore store,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<RetentionWorker> logger,
    RedisConnection? redis = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval);
        do
        {
            try
            {
                if (await TryTakeLeaseAsync())
                {
                    await EnforceAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass over all projects.</summary>
    public async Task EnforceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var projects = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.RetentionDays }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var project in projects)
        {
            await store.DeleteBeforeAsync(project.Id, now.AddDays(-project.RetentionDays), cancellationToken);
        }
    }

    private async Task<bool> TryTakeLeaseAsync()
    {
        if (redis is null)
        {
            return true;
        }

        // Held for most of the interval, so exactly one host runs per interval even if clocks differ a little.
        var lease = options.Value.RetentionInterval * 0.9;
        return await redis.Database.StringSetAsync(redis.KeyPrefix + "lease:retention", Environment.MachineName, lease, When.NotExists);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; it runs again next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
