using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Keys;

/// <summary>Writes the recorded last-used times every <see cref="KeyOptions.UsageFlushInterval"/> and once more at shutdown.</summary>
internal sealed partial class ApiKeyUsageFlusher(ApiKeyUsage usage, IServiceScopeFactory scopes, IOptions<KeyOptions> options, ILogger<ApiKeyUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var used = usage.Drain();
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
                // Only ever moves forward, so hosts flushing in any order agree.
                await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, at), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Last-used is informational; losing one minute of it must not stop the host.
            LogFlushFailed(logger, exception, used.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record last-used times of {Count} API keys")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}
