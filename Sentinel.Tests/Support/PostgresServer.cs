using Npgsql;

namespace Sentinel.Tests.Support;

/// <summary>
/// A real PostgreSQL cluster (initdb in a temporary folder, trust auth on loopback, fsync off for speed).
/// Each test class asks for its own database.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServerProcess _process;

    private bool _disposed;

    private PostgresServer(string directory, int port, ServerProcess process)
    {
        _directory = directory;
        Port = port;
        _process = process;
        TestRun.Track(this);
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresServer> StartAsync()
    {
        var initdb = ServerBinaries.RequirePostgres("initdb");
        var postgres = ServerBinaries.RequirePostgres("postgres");
        var directory = Path.Combine(Path.GetTempPath(), $"sentinel-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        TestRun.RecordDirectory(directory);
        // initdb refuses to run as root; as root, run the cluster as the packaged 'postgres' user.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await ServerProcess.RunAsync("chown", ["-R", $"{runAs}:{runAs}", directory]);
        }

        var data = Path.Combine(directory, "data");
        await ServerProcess.RunAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);
        var port = FreePort.Next();
        var process = ServerProcess.Start(postgres, ["-D", data, "-p", port.ToString(), "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"], runAs);
        var server = new PostgresServer(directory, port, process);
        await Wait.UntilAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(server.AdminConnectionString);
                await connection.OpenAsync();
                return true;
            },
            TimeSpan.FromSeconds(30),
            () => $"PostgreSQL did not accept connections on port {port}:\n{process.Output}");
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        TestRun.Untrack(this);
        _process.Dispose();
        TestRun.DeleteDirectory(_directory);
        return ValueTask.CompletedTask;
    }
}
