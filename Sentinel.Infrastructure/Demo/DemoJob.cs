using Microsoft.AspNetCore.Hosting.Server;
using Sentinel.Infrastructure.Auditing;

namespace Sentinel.Infrastructure.Demo;

/// <summary>
/// The portal's "Load demo data" button as a Hangfire job: the job runs on a host of the install, finds that host's
/// own address and sends the demo through it (<see cref="DemoLoader"/>), audited under the admin who pressed it.
/// </summary>
public sealed class DemoJob(DemoLoader loader, IServer server, IHttpClientFactory clients)
{
    public const string HttpClientName = "demo";

    [Hangfire.JobDisplayName("Load demo data (asked by {1})")]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string? userId, string userName, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = SelfAddress.Of(server);
        var result = await loader.LoadAsync(client, DemoSize.Default, new AuditActor(userId, userName), cancellationToken);
        return $"{result.EventsAccepted} API events and {result.SessionActions.Values.Sum()} trust sessions in {result.ProjectName} ({string.Join(", ", result.SessionActions.Select(a => $"{a.Value} {a.Key}"))}).";
    }
}
