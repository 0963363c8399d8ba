namespace Sentinel.Tests.Support;

/// <summary>A real clickhouse-server (Debian's 18.16) with a minimal config on free loopback ports.</summary>
internal sealed class ClickHouseServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _binary;
    private readonly string _directory;
    private ServerProcess _process;

    private bool _disposed;

    private ClickHouseServer(string binary, string directory, int httpPort, ServerProcess process)
    {
        _binary = binary;
        _directory = directory;
        HttpPort = httpPort;
        _process = process;
        TestRun.Track(this);
    }

    public int HttpPort { get; }

    public Uri Url => new($"http://127.0.0.1:{HttpPort}");

    public static async Task<ClickHouseServer> StartAsync()
    {
        var binary = ServerBinaries.Require("clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server");
        var directory = Path.Combine(Path.GetTempPath(), $"sentinel-ch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        TestRun.RecordDirectory(directory);
        var httpPort = FreePort.Next();
        var tcpPort = FreePort.Next();
        var config = Path.Combine(directory, "config.xml");
        await File.WriteAllTextAsync(config, $"""
            <yandex>
              <logger><level>warning</level><console>1</console></logger>
              <http_port>{httpPort}</http_port>
              <tcp_port>{tcpPort}</tcp_port>
              <listen_host>127.0.0.1</listen_host>
              <path>{directory}/</path>
              <tmp_path>{directory}/tmp/</tmp_path>
              <user_files_path>{directory}/user_files/</user_files_path>
              <format_schema_path>{directory}/format_schemas/</format_schema_path>
              <users_config>{directory}/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <mark_cache_size>268435456</mark_cache_size>
            </yandex>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "users.xml"), """
            <yandex>
              <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default></default></quotas>
            </yandex>
            """);
        var server = new ClickHouseServer(binary, directory, httpPort, ServerProcess.Start(binary, [$"--config-file={config}"]));
        await server.WaitUntilUpAsync();
        return server;
    }

    /// <summary>Creates an empty database for one test class and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await QueryAsync($"CREATE DATABASE {name}");
        return name;
    }

    /// <param name="settings">ClickHouse settings as a query string, e.g. <c>output_format_json_quote_64bit_integers=0</c>.</param>
    public async Task<string> QueryAsync(string sql, string? settings = null)
    {
        using var response = await Http.PostAsync(new Uri(Url, "/?" + settings), new StringContent(sql));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"ClickHouse answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Stops the server; its data stays on disk for <see cref="StartAgainAsync"/>.</summary>
    public void Stop() => _process.Kill();

    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = ServerProcess.Start(_binary, [$"--config-file={Path.Combine(_directory, "config.xml")}"]);
        await WaitUntilUpAsync();
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

    private Task WaitUntilUpAsync() => Wait.UntilAsync(
        async () => (await Http.GetStringAsync(new Uri(Url, "/ping"))).StartsWith("Ok", StringComparison.Ordinal),
        TimeSpan.FromSeconds(60),
        () => $"clickhouse-server did not answer on port {HttpPort}:\n{_process.Output}");
}
