using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>The app database on SQLite (embedded mode). Its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteSentinelDbContext(DbContextOptions<SqliteSentinelDbContext> options) : SentinelDbContext(options);

/// <summary>
/// What <c>dotnet ef ... --context SqliteSentinelDbContext</c> builds. Adding a migration or checking for model changes needs no
/// database; <c>database update</c> and <c>migrations remove</c> use <c>Database__ConnectionString</c> when set, as the host does.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSentinelDbContext>
{
    public SqliteSentinelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSentinelDbContext>()
            .UseSqlite(Environment.GetEnvironmentVariable("Database__ConnectionString") is { Length: > 0 } configured ? configured : "Data Source=sentinel-design-time.db")
            .Options);
}
