using System.Diagnostics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Team;

/// <summary><c>dotnet Sentinel.Web.dll admin reset-password EMAIL</c> as an operator runs it, on a real data folder.</summary>
public sealed class ResetPasswordCommandTests
{
    [Fact]
    public async Task ResetPassword_PrintsAOneTimePassword_ThatSignsIn()
    {
        var data = Path.Combine(Path.GetTempPath(), $"sentinel-cli-{Guid.NewGuid():N}");
        try
        {
            var (exit, output) = await RunAsync(data, "admin", "reset-password", "admin@sentinel.local");
            Assert.Equal(0, exit);
            var password = output.Split("admin@sentinel.local: ")[1].Split('\n')[0].Trim();

            await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?>
            {
                ["Sentinel:DataDirectory"] = data,
                ["Bootstrap:AdminEmail"] = "admin@sentinel.local",
            }).Start();
            using var client = await app.SignedInClientAsync("admin@sentinel.local", password);
            var response = await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = "admin@sentinel.local", ["Input.Password"] = password });
            Assert.EndsWith("Account/Manage/ChangePassword", response.Headers.Location?.OriginalString, StringComparison.Ordinal);

            var (unknownExit, _) = await RunAsync(data, "admin", "reset-password", "nobody@sentinel.local");
            Assert.Equal(1, unknownExit);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string data, params string[] args)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Sentinel.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(web);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Sentinel__DataDirectory"] = data;
        start.Environment["Sentinel__Mode"] = "Embedded";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
