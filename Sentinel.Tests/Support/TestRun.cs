using System.Diagnostics;
using System.Globalization;

namespace Sentinel.Tests.Support;

/// <summary>
/// What this test process started, so that it is all stopped however the run ends:
/// <list type="bullet">
/// <item>normally or with failures: <see cref="SentinelTestFramework"/> stops every tracked server after the last test;</item>
/// <item>cancelled or killed: a watchdog (started with the first server, in its own session) sees the test process
/// gone and kills the process groups this run recorded, then deletes the recorded folders;</item>
/// <item>and <c>scripts/test.sh</c> reads the same record afterwards and fails if any recorded server still runs.</item>
/// </list>
/// The record is <c>$SENTINEL_TEST_RUN_DIR/servers</c> (a folder of this process's own otherwise): lines
/// <c>started PID STARTTIME NAME</c> and <c>dir PATH</c>. A PID counts only together with its start time (field 22
/// of /proc/PID/stat), so a reused PID of someone else's process is never killed.
/// </summary>
internal static class TestRun
{
    public const string RunDirectoryVariable = "SENTINEL_TEST_RUN_DIR";

    private static readonly Lock Gate = new();
    private static readonly List<IAsyncDisposable> Owners = [];
    private static readonly string? SharedRunDirectory = Environment.GetEnvironmentVariable(RunDirectoryVariable) is { Length: > 0 } shared ? shared : null;
    private static readonly Lazy<string> Directory = new(CreateRunDirectory);
    private static bool _watchdogStarted;

    private static string RecordFile => Path.Combine(Directory.Value, "servers");

    /// <summary>Records a started server process (its own process group) and makes sure the watchdog runs.</summary>
    public static void RecordServer(int pid, string name)
    {
        var start = StartTime(pid) ?? "unknown";
        Append($"started {pid} {start} {Path.GetFileName(name)}");
        StartWatchdogOnce();
    }

    /// <summary>Records a temporary folder that the watchdog deletes if the run dies before its owner does.</summary>
    public static void RecordDirectory(string path) => Append($"dir {path}");

    /// <summary>A server object that <see cref="StopAllAsync"/> disposes if a test has not.</summary>
    public static void Track(IAsyncDisposable owner)
    {
        lock (Gate)
        {
            Owners.Add(owner);
        }
    }

    public static void Untrack(IAsyncDisposable owner)
    {
        lock (Gate)
        {
            Owners.Remove(owner);
        }
    }

    /// <summary>Stops every server still tracked and deletes their folders (after the last test, or at process exit).</summary>
    public static async Task StopAllAsync()
    {
        List<IAsyncDisposable> owners;
        lock (Gate)
        {
            owners = [.. Owners];
            Owners.Clear();
        }

        foreach (var owner in owners)
        {
            await owner.DisposeAsync();
        }

        if (SharedRunDirectory is null && Directory.IsValueCreated && !_watchdogStarted)
        {
            DeleteDirectory(Directory.Value);
        }
    }

    /// <summary>Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot; null when it is gone.</summary>
    public static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A file still held open by a process being torn down: the watchdog or test.sh removes it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string CreateRunDirectory()
    {
        var path = SharedRunDirectory ?? Path.Combine(Path.GetTempPath(), $"sentinel-test-run-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void Append(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(RecordFile, line + "\n");
        }
    }

    private static void StartWatchdogOnce()
    {
        lock (Gate)
        {
            if (_watchdogStarted)
            {
                return;
            }

            _watchdogStarted = true;
        }

        // In its own session (setsid), so that whatever ends the test process does not end the watchdog with it.
        const string Script = """
            record="$1/servers"; parent="$2"; own="$3"
            while kill -0 "$parent" 2>/dev/null; do sleep 1; done
            [ -f "$record" ] || exit 0
            while read -r kind pid start name; do
              [ "$kind" = started ] || continue
              now=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)
              if [ -n "$now" ] && [ "$now" = "$start" ]; then
                kill -KILL -- "-$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null
                echo "watchdog-killed $pid $start $name" >> "$record"
              fi
            done < "$record"
            grep '^dir ' "$record" | cut -d' ' -f2- | while read -r path; do
              case "$path" in /tmp/sentinel-*) rm -rf "$path" ;; esac
            done
            [ "$own" = 1 ] && rm -rf "$1"
            exit 0
            """;
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var argument in new[] { "sh", "-c", Script, "sentinel-test-watchdog", Directory.Value, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), SharedRunDirectory is null ? "1" : "0" })
        {
            info.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(info);
    }
}
