using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>
/// Registers the host's recurring jobs under stable ids when the host starts (again until the job storage answers,
/// e.g. while Redis is down), and starts the drain slots at once rather than at the next minute.
/// </summary>
internal sealed partial class RecurringJobsRegistrar(
    IRecurringJobManagerV2 jobs,
    IOptions<WorkerOptions> options,
    IOptions<Keys.KeyOptions> keys,
    IOptions<AnalyticsOptions> analytics,
    ILogger<RecurringJobsRegistrar> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Register();
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRegistrationFailed(logger, exception, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private void Register()
    {
        var settings = options.Value;
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringId, job => job.EnforceAsync(CancellationToken.None), settings.RetentionCron);
        jobs.AddOrUpdate<Keys.KeyUsageFlushJob>(Keys.KeyUsageFlushJob.RecurringId, job => job.FlushAsync(CancellationToken.None), Keys.KeyUsageFlushJob.Cron(keys.Value));
        jobs.AddOrUpdate<DeadLetterJob>(DeadLetterJob.RecurringId, job => job.RedriveAllAsync(CancellationToken.None), Cron.Never());
        if (analytics.Value.Store == AnalyticsStoreKind.ClickHouse)
        {
            jobs.AddOrUpdate<Analytics.AnalyticsRollupJob>(Analytics.AnalyticsRollupJob.RecurringId, job => job.RunAsync(CancellationToken.None), Analytics.AnalyticsRollupJob.Cron);
        }

        if (settings.RunAs != DrainHost.Hangfire || settings.Count == 0)
        {
            return; // an ingest-only host leaves the drain jobs to the hosts that drain
        }

        var every = settings.DrainRunLength.TotalMinutes >= 1 ? $"*/{(int)settings.DrainRunLength.TotalMinutes} * * * *" : $"*/{Math.Max(1, (int)settings.DrainRunLength.TotalSeconds)} * * * * *";
        for (var slot = 0; slot < settings.DrainSlots; slot++)
        {
            var id = DrainJob.RecurringId(slot);
            var index = slot;
            jobs.AddOrUpdate<DrainJob>(id, job => job.RunAsync(index, CancellationToken.None), every); // queue from [Queue] on the method
            jobs.Trigger(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the recurring jobs; trying again in {DelaySeconds} s")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, double delaySeconds);
}
