using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Sentinel.Tests.Persistence;

/// <summary>
/// Databases created before dotnet-ef must keep upgrading. Legacy/*.sql are dumps (sqlite3 .dump; pg_dump --inserts
/// minus its psql-only \restrict lines) of databases that the previous host (commit d5130e5, hand-written migrations
/// shared by both providers) migrated and where it created one project with its three keys; the provider contexts
/// must take them from there.
/// </summary>
public sealed class MigrationUpgradeTests
{
    private const string LastHandwrittenMigration = "20261125200000_TrustStorage";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Migrate_UpgradesADatabaseCreatedByTheHandWrittenMigrations(Provider provider)
    {
        await using var databases = await TestDatabases.StartAsync(provider);
        var upgraded = await databases.NewEmptyDatabaseAsync();
        var fromModel = await databases.NewEmptyDatabaseAsync();
        await LoadLegacyDumpAsync(upgraded, provider);
        Assert.Contains(LastHandwrittenMigration, await upgraded.Database.GetAppliedMigrationsAsync());

        await upgraded.Database.MigrateAsync();
        await fromModel.Database.EnsureCreatedAsync();

        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        var expected = await SchemaSnapshot.ReadAsync(fromModel);
        Assert.Equal(expected, SchemaSnapshot.WithoutDefaultsTheModelLacks(await SchemaSnapshot.ReadAsync(upgraded), expected));
        var project = await upgraded.Projects.SingleAsync();
        Assert.Equal("Legacy", project.Name);
        Assert.Equal(3, await upgraded.ApiKeys.CountAsync(key => key.ProjectId == project.Id));
        Assert.Equal("admin@sentinel.local", (await upgraded.Users.SingleAsync()).Email);
    }

    private static async Task LoadLegacyDumpAsync(DbContext db, Provider provider)
    {
        var file = provider == Provider.Sqlite ? "sqlite" : "postgres";
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Persistence", "Legacy", $"{file}-{LastHandwrittenMigration}.sql"));
        // A connection of its own: pg_dump's script empties search_path for its session.
        var connectionString = db.Database.GetConnectionString()!;
        await using DbConnection connection = provider == Provider.Sqlite
            ? new SqliteConnection(connectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
