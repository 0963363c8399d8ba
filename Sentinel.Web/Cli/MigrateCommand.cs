using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary><c>--migrate</c>: apply migrations, seed, and exit; for a release job that runs before new hosts start.</summary>
internal sealed class MigrateCommand : ICliCommand
{
    public string Usage => DatabaseStartup.MigrateOnlyArgument;

    public bool Matches(string[] args) => args.Contains(DatabaseStartup.MigrateOnlyArgument);

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        await app.MigrateAndSeedDatabaseAsync();
        await output.WriteLineAsync("Database migrated.");
        return 0;
    }
}
