using System.Globalization;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Analytics;

/// <summary>The rollup job as a production host runs it (ADR 031): registered on a ClickHouse host, and a run rolls up what was ingested.</summary>
public sealed class AnalyticsRollupJobTests
{
    [Fact]
    public async Task AClickHouseHost_RegistersTheRollupJob_AndARunRollsUpTheHoursOfEventsIngested()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var app = SentinelApp.Production(settings).Start();
        var shop = await app.CreateProjectAsync("Rollup shop");
        var key = await app.CreateKeyAsync(shop.Id);
        var start = DateTime.UtcNow.AddHours(-3); // closed hours (late events up to 7 days are accepted)
        using (var client = app.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await TestEvents.PostAsync(client, key, TestEvents.Generate(120, seed: 5, start))).StatusCode);
        }

        await app.WaitForStoredAsync(shop.Id, start, 120);
        var storage = app.Services.GetRequiredService<JobStorage>();
        await Wait.UntilAsync(
            () =>
            {
                using var connection = storage.GetConnection();
                return Task.FromResult(connection.GetRecurringJobs().Any(j => j.Id == AnalyticsRollupJob.RecurringId));
            },
            TimeSpan.FromSeconds(30),
            () => $"{AnalyticsRollupJob.RecurringId} is not registered");

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(AnalyticsRollupJob.RecurringId);

        var clickHouse = await TestServers.ClickHouseAsync();
        var database = settings["Analytics:ClickHouse:Database"];
        long rolled = 0;
        await Wait.UntilAsync(
            async () => (rolled = long.Parse(
                await clickHouse.QueryAsync($"SELECT sum(raw_rows) FROM {database}.api_rollup_hours FINAL WHERE project_id = '{shop.Id}'"),
                CultureInfo.InvariantCulture)) == 120,
            TimeSpan.FromSeconds(60),
            () => $"the rollup holds {rolled} of 120 events");
    }
}
