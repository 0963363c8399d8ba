namespace Sentinel.Tests.Support;

/// <summary>
/// The real servers, started once per test run on first use and stopped when the run ends (after the last test by
/// <see cref="SentinelTestFramework"/>; see <see cref="TestRun"/> for cancelled runs). Test classes isolate
/// themselves with their own database (PostgreSQL, ClickHouse) or key prefix (Redis).
/// </summary>
internal static class TestServers
{
    private static readonly Lazy<Task<RedisServer>> LazyRedis = new(() => RedisServer.StartAsync());
    private static readonly Lazy<Task<PostgresServer>> LazyPostgres = new(PostgresServer.StartAsync);
    private static readonly Lazy<Task<ClickHouseServer>> LazyClickHouse = new(ClickHouseServer.StartAsync);

    static TestServers()
    {
        // A last resort when the framework's end-of-run hook did not run (the watchdog covers a killed process).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestRun.StopAllAsync().GetAwaiter().GetResult();
    }

    public static Task<RedisServer> RedisAsync() => LazyRedis.Value;

    public static Task<PostgresServer> PostgresAsync() => LazyPostgres.Value;

    public static Task<ClickHouseServer> ClickHouseAsync() => LazyClickHouse.Value;
}
