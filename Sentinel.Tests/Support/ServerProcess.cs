using System.Diagnostics;
using System.Text;

namespace Sentinel.Tests.Support;

/// <summary>
/// A server started by the tests, as the leader of its own process group (<c>setsid</c>), so that stopping it stops
/// everything it forked (PostgreSQL's backends, runuser's child). Its output is kept so that a failed start explains
/// itself, and its PID is recorded in <see cref="TestRun"/> for the watchdog and <c>scripts/test.sh</c>.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownGroup;

    private ServerProcess(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="ownGroup">A long-running server: its own process group, recorded and stopped as a group. Short commands run in the test's group.</param>
    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, string? runAsUser = null, bool ownGroup = true)
    {
        var info = new ProcessStartInfo
        {
            FileName = ownGroup ? "setsid" : runAsUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // setsid execs the command in place (the child of .NET is not a group leader), so the PID is the group's id.
        var prefix = (ownGroup, runAsUser) switch
        {
            (true, null) => [fileName],
            (true, { } user) => ["runuser", "-u", user, "--", fileName],
            (false, { } user) => ["-u", user, "--", fileName],
            _ => Array.Empty<string>(),
        };
        foreach (var a in prefix)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, ownGroup);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        if (ownGroup)
        {
            TestRun.RecordServer(process.Id, fileName);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs a short command to completion and throws with its output when it fails.</summary>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, string? runAsUser = null)
    {
        using var command = Start(fileName, arguments, runAsUser, ownGroup: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await command._process.WaitForExitAsync(timeout.Token);
        if (command._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {command._process.ExitCode}:\n{command.Output}");
        }
    }

    /// <summary>Kills the server's whole process group (like a crash) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited)
        {
            return;
        }

        var pid = _process.Id;
        if (_ownGroup)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", $"-{pid}"]) { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(10_000);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
