using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Demo;

namespace Sentinel.Web.Cli;

/// <summary>
/// <c>demo [--events N] [--humans N] [--bots N]</c>: runs Sentinel as usual and, once it listens, sends demo data
/// through its own public API (<see cref="DemoLoader"/>): "run Sentinel with demo data". Prints where to sign in when
/// the data is in. A second run reuses the demo project and adds fresh traffic.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    private static readonly string[] Options = ["--events", "--humans", "--bots"];

    public string Usage => "demo [--events 20000] [--humans 24] [--bots 12]";

    public bool Matches(string[] args) => CommandLine.StartsWith(args, "demo");

    public Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var size = new DemoSize(Count(args, "--events", DemoSize.Default.Events), Count(args, "--humans", DemoSize.Default.HumanSessions), Count(args, "--bots", DemoSize.Default.BotSessions));
        if (args.Length != 1 + (2 * Options.Sum(name => CommandLine.Values(args, name).Count)))
        {
            throw new CliUsageException("Unknown argument.");
        }

        app.Lifetime.ApplicationStarted.Register(() => _ = LoadAsync(app, size, output, app.Lifetime.ApplicationStopping));
        return Task.FromResult(CommandLine.RunHost);
    }

    private static async Task LoadAsync(WebApplication app, DemoSize size, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var address = SelfAddress.Of(app.Services.GetRequiredService<IServer>());
            await output.WriteLineAsync($"Loading demo data through {address} ...");
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var result = await app.Services.GetRequiredService<DemoLoader>().LoadAsync(client, size, CliActor.Instance, cancellationToken);
            var admin = app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value.AdminEmail;
            await output.WriteLineAsync(
                $"Demo data loaded: {result.EventsAccepted} API events and {result.SessionActions.Values.Sum()} trust sessions " +
                $"({string.Join(", ", result.SessionActions.Select(a => $"{a.Value} {a.Key}"))}) in \"{result.ProjectName}\".");
            await output.WriteLineAsync(
                $"Open {address} and sign in as {admin} (the first start wrote its password to the log; " +
                "`dotnet run --project Sentinel.Web -- admin reset-password " + admin + "` prints a new one). Ctrl+C stops Sentinel.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The demo data could not be loaded: {exception.Message}");
        }
    }

    private static int Count(string[] args, string name, int fallback)
    {
        var values = CommandLine.Values(args, name);
        return values.Count switch
        {
            0 => fallback,
            1 when int.TryParse(values[0], System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 1_000_000 => n,
            _ => throw new CliUsageException($"{name} takes one number from 0 to 1000000."),
        };
    }
}
