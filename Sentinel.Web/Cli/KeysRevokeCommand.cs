using Microsoft.EntityFrameworkCore;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary>
/// <c>keys revoke PREFIX_OR_ID --project ID</c>: stops a key of that project, found by its public prefix or its id;
/// prints <c>{ id, prefix, revoked: true }</c>. The project is required so that a typo cannot revoke another project's key.
/// </summary>
internal sealed class KeysRevokeCommand : ICliCommand
{
    public string Usage => "keys revoke PREFIX_OR_ID --project ID";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "keys", "revoke");

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length < 3 || args[2].StartsWith("--", StringComparison.Ordinal))
        {
            throw new CliUsageException("PREFIX_OR_ID is required.");
        }

        var which = args[2];
        var projectId = CliJson.ProjectId(args);
        await app.MigrateAndSeedDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var keys = db.ApiKeys.AsNoTracking().Where(k => k.ProjectId == projectId);
        var key = Guid.TryParse(which, out var id)
            ? await keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            : await keys.FirstOrDefaultAsync(k => k.Prefix == which, cancellationToken);
        if (key is null)
        {
            await Console.Error.WriteLineAsync($"Project {projectId} has no key {which}.");
            return 1;
        }

        await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(key.Id, CliActor.Instance, cancellationToken);
        await CliJson.WriteAsync(output, new { id = key.Id, prefix = key.Prefix, revoked = true });
        return 0;
    }
}
