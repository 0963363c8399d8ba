using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Trust.Events;
using Sentinel.Infrastructure;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Trust.Settings;

namespace Sentinel.Benchmarks.Trust;

/// <summary>Helpers of scripts/bench-trust.sh: a project with its trust keys, and collector-like batches.</summary>
internal static class TrustBench
{
    /// <summary>Creates a project allowing <c>https://bench.example</c>; prints "publishable secret".</summary>
    public static async Task<string> SetupAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddSentinelInfrastructure();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync($"Trust benchmark {DateTime.UtcNow:HHmmss}", AuditActor.System, CancellationToken.None);
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var publishable = await keys.CreateAsync(project.Id, ApiKeyKind.Publishable, "benchmark", AuditActor.System, CancellationToken.None);
        var secret = await keys.CreateAsync(project.Id, ApiKeyKind.Secret, "benchmark", AuditActor.System, CancellationToken.None);
        await host.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(project.Id, ["https://bench.example"], AuditActor.System, CancellationToken.None);
        return $"{publishable.Token} {secret.Token}";
    }

    /// <summary>Writes <paramref name="batches"/> files batch-N.json, each the "events" array of 100 events of one hand-like session, in order.</summary>
    public static async Task WritePayloadsAsync(string directory, int batches)
    {
        Directory.CreateDirectory(directory);
        var events = SyntheticInput.HandSession(seed: 1, events: batches * 100);
        for (var b = 0; b < batches; b++)
        {
            var json = new StringBuilder("[");
            for (var i = b * 100; i < (b + 1) * 100; i++)
            {
                var e = events[i];
                json.Append(i == b * 100 ? "" : ",");
                json.Append(CultureInfo.InvariantCulture, $"{{\"t\":{e.TimestampMs},\"type\":\"{e.Kind.ToString().ToLowerInvariant()}\"");
                json.Append(e.Kind is BehaviorEventKind.KeyDown or BehaviorEventKind.KeyUp
                    ? string.Create(CultureInfo.InvariantCulture, $",\"key\":\"letter\",\"zone\":{e.KeyZone}")
                    : string.Create(CultureInfo.InvariantCulture, $",\"x\":{e.X},\"y\":{e.Y}"));
                json.Append(",\"isTrusted\":true}");
            }

            await File.WriteAllTextAsync(Path.Combine(directory, $"batch-{b + 1}.json"), json.Append(']').ToString());
        }
    }
}
