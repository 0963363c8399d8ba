using StackExchange.Redis;

namespace Sentinel.Tests.Support;

/// <summary>A real redis-server on a free loopback port, without persistence. Tests isolate themselves by key prefix.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _directory;
    private ServerProcess? _process;

    private bool _disposed;

    private RedisServer(int port, string? directory)
    {
        Port = port;
        _directory = directory;
        TestRun.Track(this);
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="persistent">Append-only file with fsync on every write, as production should run: a restart keeps every acknowledged write.</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        string? directory = null;
        if (persistent)
        {
            directory = Path.Combine(Path.GetTempPath(), $"sentinel-redis-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            TestRun.RecordDirectory(directory);
        }

        var server = new RedisServer(FreePort.Next(), directory);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A key prefix no other test class uses.</summary>
    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}:";

    /// <summary>Stops the server (like a crash: without persistence all data is lost).</summary>
    public void Stop() => _process?.Kill();

    /// <summary>Starts it again on the same port.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        TestRun.Untrack(this);
        _process?.Dispose();
        if (_directory is not null)
        {
            TestRun.DeleteDirectory(_directory);
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync()
    {
        var binary = ServerBinaries.Require("redis-server");
        _process?.Dispose();
        string[] persistence = _directory is null
            ? ["--appendonly", "no"]
            : ["--appendonly", "yes", "--appendfsync", "always", "--dir", _directory];
        _process = ServerProcess.Start(binary, ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--protected-mode", "no", .. persistence]);
        await Wait.UntilAsync(
            async () =>
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync($"{Configuration},abortConnect=false,connectTimeout=500");
                return connection.IsConnected && (await connection.GetDatabase().PingAsync()) < TimeSpan.FromSeconds(1);
            },
            TimeSpan.FromSeconds(20),
            () => $"redis-server did not answer on port {Port}:\n{_process.Output}");
    }
}
