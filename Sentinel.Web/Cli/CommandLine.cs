namespace Sentinel.Web.Cli;

/// <summary>
/// One-off commands run instead of the web host (<c>dotnet run --project Sentinel.Web -- NAME ...</c>): automation and
/// first use without the portal. Each command is one class in this folder and one line in <see cref="Commands"/>.
/// A command gets the built host (services, configuration), applies migrations if it needs the database, prints its
/// result to standard output and returns the process exit code.
/// </summary>
internal static class CommandLine
{
    /// <summary>The command table: the words that select a command, and the command.</summary>
    private static readonly ICliCommand[] Commands =
    [
        new MigrateCommand(),
        new ProjectsCreateCommand(),
        new KeysCreateCommand(),
        new KeysRevokeCommand(),
        new ProjectsSetOriginsCommand(),
        new ResetPasswordCommand(),
        new DemoCommand(),
    ];

    /// <summary>
    /// What a command returns to let the host run after it (it prepared something for the running host, such as
    /// <see cref="DemoCommand"/>); any other value is the process's exit code.
    /// </summary>
    public const int RunHost = -1;

    /// <summary>
    /// When <paramref name="args"/> name a command, every log goes to standard error, so that standard output carries
    /// only the command's result (scripts parse it). Called before the host is built, when the logger is configured.
    /// </summary>
    public static WebApplicationBuilder AddCommandLine(this WebApplicationBuilder builder, string[] args)
    {
        if (Commands.Any(command => command.Matches(args)))
        {
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    /// <summary>Runs the command <paramref name="args"/> names, if any; null when the args name no command (run the host).</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        foreach (var command in Commands)
        {
            if (command.Matches(args))
            {
                try
                {
                    var exitCode = await command.RunAsync(app, args, Console.Out, app.Lifetime.ApplicationStopping);
                    return exitCode == RunHost ? null : exitCode;
                }
                catch (CliUsageException e)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    await Console.Error.WriteLineAsync($"usage: {command.Usage}");
                    return 2;
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="args"/> starts with the given words (the command's name), case-sensitive.</summary>
    public static bool StartsWith(string[] args, params string[] words) =>
        args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(x => x);

    /// <summary>The values of every <c>--name value</c> pair in <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> Values(string[] args, string name) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
}

/// <summary>One command of <see cref="CommandLine"/>.</summary>
internal interface ICliCommand
{
    /// <summary>One line: the command and its arguments, shown when they are wrong.</summary>
    string Usage { get; }

    bool Matches(string[] args);

    Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>Wrong arguments: the message is printed with the command's usage and the exit code is 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
