namespace Sentinel.Tests.Support;

/// <summary>
/// The real servers, started once per test run on first use and stopped when the run ends. Test classes isolate
/// themselves with their own database (PostgreSQL, ClickHouse) or key prefix (Redis).
/// </summary>
internal static class TestServers
{
    private static readonly Lazy<Task<RedisServer>> LazyRedis = new(() => RedisServer.StartAsync());
    private static readonly Lazy<Task<PostgresServer>> LazyPostgres = new(PostgresServer.StartAsync);
    private static readonly Lazy<Task<ClickHouseServer>> LazyClickHouse = new(ClickHouseServer.StartAsync);

    static TestServers()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Stop(LazyRedis);
            Stop(LazyPostgres);
            Stop(LazyClickHouse);
        };
    }

    public static Task<RedisServer> RedisAsync() => LazyRedis.Value;

    public static Task<PostgresServer> PostgresAsync() => LazyPostgres.Value;

    public static Task<ClickHouseServer> ClickHouseAsync() => LazyClickHouse.Value;

    private static void Stop<T>(Lazy<Task<T>> server)
        where T : IAsyncDisposable
    {
        if (server.IsValueCreated && server.Value.IsCompletedSuccessfully)
        {
            server.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
