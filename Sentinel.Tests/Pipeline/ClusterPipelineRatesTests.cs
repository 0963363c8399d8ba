using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Pipeline;
using Sentinel.Tests.Support;
using Xunit.Abstractions;

namespace Sentinel.Tests.Pipeline;

/// <summary>The pipeline page's accepted/drained rates are every host's: two hosts on one real Redis see one sum.</summary>
public sealed class ClusterPipelineRatesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHostsOnOneRedis_EachCountsItsOwnEvents_AndBothReadTheSum()
    {
        var settings = await SentinelApp.ProductionSettingsAsync();
        await using var hostA = SentinelApp.Production(settings).Start();
        await using var hostB = SentinelApp.Production(settings).Start();
        var project = await hostA.CreateProjectAsync("Rates");
        var key = await hostA.CreateKeyAsync(project.Id);
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();
        var start = DateTime.UtcNow.AddMinutes(-20);

        foreach (var (client, seed, count) in new[] { (clientA, 1, 100), (clientA, 2, 20), (clientB, 3, 80) })
        {
            using var response = await TestEvents.PostAsync(client, key, TestEvents.Generate(count, seed, start));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Each host's own meter saw only its own events: a sum of 200 can only come from both.
        Assert.Equal((120L, 80L), (hostA.Services.GetRequiredService<PipelineRates>().AcceptedTotal, hostB.Services.GetRequiredService<PipelineRates>().AcceptedTotal));

        // A window longer than the test, so every event stays in it: both hosts read the same cluster-wide counts.
        var window = TimeSpan.FromSeconds(100);
        foreach (var (name, host) in new[] { ("A", hostA), ("B", hostB) })
        {
            var rates = host.Services.GetRequiredService<ClusterPipelineRates>();
            ClusterRateWindow? read = null;
            await Wait.UntilAsync(
                async () => (read = await rates.ReadAsync(window, CancellationToken.None)) is { Accepted: 200, Stored: 200 },
                TimeSpan.FromSeconds(60),
                () => $"host {name} read {read}, expected 200 accepted and 200 stored by both hosts");
            output.WriteLine($"host {name}: {read}");
        }

        var snapshot = await hostB.Services.GetRequiredService<PipelineHealth>().ReadAsync(10, CancellationToken.None);
        Assert.True(snapshot.RatesClusterWide);
        Assert.NotNull(snapshot.AcceptedPerSecond);
    }
}
