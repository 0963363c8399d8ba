using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentinel.Infrastructure.Trust.Jobs;

/// <summary>
/// Registers the trust jobs as Hangfire recurring jobs with stable ids (<c>trust-finalize</c>, <c>trust-learn</c>)
/// every <see cref="TrustOptions.JobInterval"/>, the way the host's other jobs are registered; retried until the job
/// storage answers (e.g. while Redis is down).
/// </summary>
internal sealed partial class TrustJobsRegistrar(IRecurringJobManagerV2 jobs, IOptions<TrustOptions> options, ILogger<TrustJobsRegistrar> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var cron = Cron(options.Value.JobInterval);
                jobs.AddOrUpdate<TrustFinalizationJob>(TrustFinalizationJob.RecurringId, job => job.RunAsync(CancellationToken.None), cron);
                jobs.AddOrUpdate<TrustBaselineLearningJob>(TrustBaselineLearningJob.RecurringId, job => job.RunAsync(CancellationToken.None), cron);
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

    /// <summary>A cron expression (6 parts with seconds below a minute) for the interval, rounded to what cron can say.</summary>
    public static string Cron(TimeSpan interval) => interval switch
    {
        { TotalHours: >= 1 } => $"0 */{Math.Min(23, (int)interval.TotalHours)} * * *",
        { TotalMinutes: >= 1 } => $"*/{(int)interval.TotalMinutes} * * * *",
        _ => $"*/{Math.Max(1, (int)interval.TotalSeconds)} * * * * *",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the trust jobs; trying again in {DelaySeconds} s")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, double delaySeconds);
}
