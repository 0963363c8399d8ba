using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Jobs;

/// <summary>
/// Runs the trust jobs every <see cref="TrustOptions.JobInterval"/> until the host's jobs move to Hangfire (then they
/// become recurring jobs with stable ids and this timer goes). A run that fails is logged and retried next interval:
/// the sessions it did not finish stay on the idle list.
/// </summary>
public sealed partial class TrustJobsService(IServiceProvider services, IOptions<TrustOptions> options, TimeProvider time, ILogger<TrustJobsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.JobInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await services.GetRequiredService<TrustFinalizationJob>().RunAsync(stoppingToken);
                await services.GetRequiredService<TrustBaselineLearningJob>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is TrustStateUnavailableException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogJobFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A trust job run failed; it is retried at the next interval.")]
    private static partial void LogJobFailed(ILogger logger, Exception exception);
}
