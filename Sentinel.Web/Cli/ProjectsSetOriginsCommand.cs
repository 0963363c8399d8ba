using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary>
/// <c>projects set-origins PROJECT_ID URL...</c>: the browser origins allowed to post behaviour for the project
/// (replaces the list; none = no browser origin allowed). Prints the normalized list as JSON.
/// </summary>
internal sealed class ProjectsSetOriginsCommand : ICliCommand
{
    public string Usage => "projects set-origins PROJECT_ID https://shop.example [http://localhost:3000 ...]";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "projects", "set-origins");

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length < 3 || !Guid.TryParse(args[2], out var projectId))
        {
            throw new CliUsageException("The project id (a GUID) is required.");
        }

        await app.MigrateAndSeedDatabaseAsync();
        try
        {
            var origins = await app.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(projectId, args.Skip(3), CliActor.Instance, cancellationToken);
            await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { projectId, origins }));
            return 0;
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
