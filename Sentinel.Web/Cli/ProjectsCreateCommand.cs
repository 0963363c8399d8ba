using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary>
/// <c>projects create NAME [--origin URL]...</c>: a project with one key of each kind and the browser origins allowed
/// to post behaviour, printed once as JSON (<c>{ projectId, name, origins, keys: { ingest, publishable, secret } }</c>);
/// first use without the portal.
/// </summary>
internal sealed class ProjectsCreateCommand : ICliCommand
{
    public string Usage => "projects create NAME [--origin https://shop.example]...";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "projects", "create");

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var origins = CommandLine.Values(args, "--origin");
        if (args.Length != 3 + (2 * origins.Count) || string.IsNullOrWhiteSpace(args[2]) || args[2].StartsWith("--", StringComparison.Ordinal))
        {
            throw new CliUsageException("NAME is required (quote it if it has spaces), then any number of --origin URL.");
        }

        if (origins.FirstOrDefault(o => TrustOrigins.Normalize(o) is null) is { } bad)
        {
            throw new CliUsageException($"'{bad}' is not an origin like https://shop.example or http://localhost:3000.");
        }

        await app.MigrateAndSeedDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        Domain.Projects.Project project;
        try
        {
            project = await projects.CreateAsync(args[2], CliActor.Instance, cancellationToken);
        }
        catch (ProjectNameException e)
        {
            throw new CliUsageException(e.Message);
        }

        var ingest = await keys.CreateAsync(project.Id, ApiKeyKind.Ingest, "ingest key", CliActor.Instance, cancellationToken);
        var publishable = await keys.CreateAsync(project.Id, ApiKeyKind.Publishable, "publishable key", CliActor.Instance, cancellationToken);
        var secret = await keys.CreateAsync(project.Id, ApiKeyKind.Secret, "secret key", CliActor.Instance, cancellationToken);
        var allowed = await app.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(project.Id, origins, CliActor.Instance, cancellationToken);
        await CliJson.WriteAsync(output, new
        {
            projectId = project.Id,
            name = project.Name,
            origins = allowed,
            keys = new { ingest = ingest.Token, publishable = publishable.Token, secret = secret.Token },
        });
        return 0;
    }
}

/// <summary>The audit actor of every command-line change.</summary>
internal static class CliActor
{
    public static readonly AuditActor Instance = new(null, "cli");
}
