using Sentinel.Infrastructure.Team;
using Sentinel.Web.Hosting;

namespace Sentinel.Web.Cli;

/// <summary>
/// <c>admin reset-password EMAIL</c>: a lost admin password (or anyone's), reset from the host's shell. Prints a
/// one-time password that must be changed at the next sign-in, unlocks the account and ends its open sessions;
/// audited with the command line as the actor.
/// </summary>
internal sealed class ResetPasswordCommand : ICliCommand
{
    public string Usage => "admin reset-password EMAIL";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "admin", "reset-password");

    public async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length != 3 || args[2].StartsWith('-'))
        {
            throw new CliUsageException("Name the account's email.");
        }

        await app.MigrateAndSeedDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        var user = await team.FindByEmailAsync(args[2]);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No account with the email {args[2]}.");
            return 1;
        }

        var (result, password) = await team.ResetPasswordAsync(user.Id, CliActor.Instance);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }

        await output.WriteLineAsync($"One-time password for {user.Email}: {password}");
        await output.WriteLineAsync("It is shown only this once; it must be changed at the next sign-in.");
        return 0;
    }
}
