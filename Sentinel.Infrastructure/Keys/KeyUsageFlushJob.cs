using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Recurring job <c>api-keys-last-used</c>: writes the recorded last-used times to the database, every
/// <see cref="KeyOptions.UsageFlushInterval"/> (whole minutes); embedded hosts flush once more when they stop.
/// </summary>
public sealed partial class KeyUsageFlushJob(ApiKeyUsage usage, IServiceScopeFactory scopes, ILogger<KeyUsageFlushJob> logger) : IHostedService
{
    public const string RecurringId = "api-keys-last-used";

    public static string Cron(KeyOptions options) =>
        $"*/{Math.Clamp((int)Math.Round(options.UsageFlushInterval.TotalMinutes), 1, 59)} * * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 30)]
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var used = await usage.DrainAsync();
        if (used.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
            foreach (var (keyId, at) in used)
            {
                // Only ever moves forward, so flushes in any order agree.
                await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, at), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Last-used is informational; losing one flush of it must not fail the job into retries.
            LogFlushFailed(logger, exception, used.Count);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What an embedded host recorded since the last run would otherwise be lost with the process (with Redis it waits in Redis).</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        if (!usage.UsesRedis)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record last-used times of {Count} API keys")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}
