using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>The app database on PostgreSQL (production). Its migrations are in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresSentinelDbContext(DbContextOptions<PostgresSentinelDbContext> options) : SentinelDbContext(options);

/// <summary>
/// What <c>dotnet ef ... --context PostgresSentinelDbContext</c> builds. Adding a migration or checking for model changes needs no
/// database; <c>database update</c> and <c>migrations remove</c> use <c>Database__ConnectionString</c> when set, as the host does.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSentinelDbContext>
{
    public PostgresSentinelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSentinelDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("Database__ConnectionString") is { Length: > 0 } configured ? configured : "Host=localhost;Database=sentinel")
            .Options);
}
