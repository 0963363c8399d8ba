using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Persistence;

/// <summary>The two providers the app database runs on, for tests that must hold on both.</summary>
public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// App-database contexts resolved from a real Sentinel host, so they carry exactly the app's model and options
/// (Identity's schema depends on the host's IdentityOptions), each pointed at a new, empty database.
/// </summary>
internal sealed class TestDatabases : IAsyncDisposable
{
    private readonly SentinelApp _app;
    private readonly Provider _provider;
    private readonly List<AsyncServiceScope> _scopes = [];

    private TestDatabases(SentinelApp app, Provider provider)
    {
        _app = app;
        _provider = provider;
    }

    public static async Task<TestDatabases> StartAsync(Provider provider) =>
        new((await AppOnAsync(provider)).Start(), provider);

    /// <summary>A host whose app database is the given provider: embedded (SQLite) or production (PostgreSQL).</summary>
    public static async Task<SentinelApp> AppOnAsync(Provider provider) =>
        provider == Provider.Sqlite ? SentinelApp.Embedded() : await SentinelApp.ProductionAsync();

    /// <summary>A context of the host's on a new, empty database (nothing applied yet).</summary>
    public async Task<SentinelDbContext> NewEmptyDatabaseAsync()
    {
        var scope = _app.Services.CreateAsyncScope();
        _scopes.Add(scope);
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        db.Database.SetConnectionString(_provider == Provider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"sentinel-test-{Guid.NewGuid():N}.db")};Pooling=false"
            : await (await TestServers.PostgresAsync()).CreateDatabaseAsync());
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _app.DisposeAsync();
    }
}
