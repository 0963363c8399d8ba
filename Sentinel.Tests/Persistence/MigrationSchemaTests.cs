using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Tests.Persistence;

/// <summary>
/// Each provider has its own migrations (the first four written by hand and shared, the rest by <c>dotnet ef</c>,
/// docs/decisions/028). A database built by them must have exactly the schema of one built straight from the model,
/// and the model the host runs must be the one in the provider's snapshot (else the next <c>migrations add</c> would
/// pick up someone else's change).
/// </summary>
public sealed class MigrationSchemaTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Migrations_BuildExactlyTheSchemaOfTheModel(Provider provider)
    {
        await using var databases = await TestDatabases.StartAsync(provider);
        var migrated = await databases.NewEmptyDatabaseAsync();
        var fromModel = await databases.NewEmptyDatabaseAsync();

        await migrated.Database.MigrateAsync();
        await fromModel.Database.EnsureCreatedAsync();

        var expected = await SchemaSnapshot.ReadAsync(fromModel);
        var actual = await SchemaSnapshot.ReadAsync(migrated);
        Assert.Contains(expected, line => line.Contains("Projects", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("ApiKeys", StringComparison.Ordinal));
        Assert.Equal(expected, SchemaSnapshot.WithoutDefaultsTheModelLacks(actual, expected));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task HostModel_MatchesTheProvidersSnapshot(Provider provider)
    {
        await using var databases = await TestDatabases.StartAsync(provider);
        var db = await databases.NewEmptyDatabaseAsync();

        Assert.IsType(provider == Provider.Sqlite ? typeof(SqliteSentinelDbContext) : typeof(PostgresSentinelDbContext), db);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: run scripts/add-migration.sh NAME.");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Migrations_LeaveNothingPending_AndRollBackToAnEmptyDatabase(Provider provider)
    {
        await using var databases = await TestDatabases.StartAsync(provider);
        var db = await databases.NewEmptyDatabaseAsync();

        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());

        await db.Database.MigrateAsync(Migration.InitialDatabase);
        var remaining = await SchemaSnapshot.ReadAsync(db);
        Assert.DoesNotContain(remaining, line => line.Contains("AspNetUsers", StringComparison.Ordinal) || line.Contains("Projects", StringComparison.Ordinal));
    }
}
