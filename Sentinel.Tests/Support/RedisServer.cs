using StackExchange.Redis;

namespace Sentinel.Tests.Support;

/// <summary>A real redis-server on a free loopback port, without persistence. Tests isolate themselves by key prefix.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private ServerProcess? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A key prefix no other test class uses.</summary>
    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}:";

    /// <summary>Stops the server (all data is lost, as in a crash without persistence).</summary>
    public void Stop() => _process?.Kill();

    /// <summary>Starts it again on the same port.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync()
    {
        var binary = ServerBinaries.Require("redis-server");
        _process?.Dispose();
        _process = ServerProcess.Start(binary, ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
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
