using System.Diagnostics;
using System.Text;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Demo;

/// <summary><c>dotnet run --project Sentinel.Web -- demo</c> as a user runs it: the host starts, loads the demo through its own address and keeps running.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"sentinel-demo-{Guid.NewGuid():N}");

    [Fact]
    public async Task Demo_RunsTheHost_LoadsTheDataThroughItsOwnAddress_AndPrintsWhereToSignIn()
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { SentinelCli.HostDll, "demo", "--events", "300", "--humans", "1", "--bots", "1" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Sentinel__Mode"] = "Embedded";
        info.Environment["Sentinel__DataDirectory"] = _data;
        info.Environment["Bootstrap__AdminPassword"] = SentinelApp.AdminPassword;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var loaded = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Sign in", StringComparison.OrdinalIgnoreCase) == true)
            {
                loaded.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.False(process.HasExited, "the host stopped after loading the demo");
            using var http = new HttpClient();
            Assert.True((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).IsSuccessStatusCode);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"No demo in 90 s. Output:\n{output}\nErrors:\n{await error}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var text = output.ToString();
        Assert.Contains($"Loading demo data through http://127.0.0.1:{port}/", text, StringComparison.Ordinal);
        Assert.Contains("Demo data loaded: 300 API events and 2 trust sessions", text, StringComparison.Ordinal);
        Assert.Contains($"Open http://127.0.0.1:{port}/ and sign in as admin@sentinel.local", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithABadCount_ExitsWithUsage()
    {
        var (exitCode, output, error) = await SentinelCli.RunAsync(_data, "demo", "--events", "many");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("usage: demo", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
