using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// <see cref="WorkerOptions.RunAs"/> = HostedService: each of the host's <see cref="WorkerOptions.Count"/> drain
/// workers loops for the host's whole life, outside Hangfire. The same workers and rules as the drain jobs.
/// </summary>
internal sealed class HostedDrain(DrainSlots slots, IOptions<WorkerOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Count).Select(slot => Task.Run(() => slots.RunAsync(slot, stoppingToken), CancellationToken.None)));
}
