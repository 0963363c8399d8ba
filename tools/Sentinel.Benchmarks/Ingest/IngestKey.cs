using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Projects;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>Creates a project and an ingest key in the database the configuration (environment variables) points at; prints the token.</summary>
internal static class IngestKey
{
    public static async Task<string> CreateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddSentinelInfrastructure();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync($"Benchmark {DateTime.UtcNow:HHmmss}", AuditActor.System, CancellationToken.None);
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(project.Id, ApiKeyKind.Ingest, "benchmark", AuditActor.System, CancellationToken.None);
        return issued.Token;
    }
}
