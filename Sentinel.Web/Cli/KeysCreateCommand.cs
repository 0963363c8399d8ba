using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Keys;
using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary><c>keys create --project ID --kind ingest|publishable|secret</c>: prints <c>{ id, prefix, kind, projectId, token }</c> once.</summary>
internal sealed class KeysCreateCommand : ICliCommand
{
    public string Usage => "keys create --project ID --kind ingest|publishable|secret [--name NAME]";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "keys", "create");

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var projectId = CliJson.ProjectId(args);
        var kindText = CliJson.Required(args, "--kind");
        if (!Enum.TryParse<ApiKeyKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            throw new CliUsageException("--kind must be ingest, publishable or secret.");
        }

        var names = CommandLine.Values(args, "--name");
        var name = names.Count > 0 ? names[0] : $"{kind.ToString().ToLowerInvariant()} key";
        await app.MigrateAndSeedDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        IssuedApiKey issued;
        try
        {
            issued = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(projectId, kind, name, CliActor.Instance, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        await CliJson.WriteAsync(output, new
        {
            id = issued.Key.Id,
            prefix = issued.Key.Prefix,
            kind = kind.ToString().ToLowerInvariant(),
            projectId,
            token = issued.Token,
        });
        return 0;
    }
}
