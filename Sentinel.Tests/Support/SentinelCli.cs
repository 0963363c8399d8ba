using System.Diagnostics;

namespace Sentinel.Tests.Support;

/// <summary>Runs Sentinel's one-off commands (<c>dotnet Sentinel.Web.dll projects create ...</c>) as a user would, in a process of their own.</summary>
public static class SentinelCli
{
    /// <summary>The built host next to the tests (the test project references the web project, so it is copied here).</summary>
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Sentinel.Web.dll");

    /// <summary>Runs the command with an embedded data folder; returns the exit code, standard output and standard error apart.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(HostDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Sentinel__Mode"] = "Embedded";
        info.Environment["Sentinel__DataDirectory"] = dataDirectory;
        info.Environment["Bootstrap__AdminPassword"] = SentinelApp.AdminPassword;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish in 60 s:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
