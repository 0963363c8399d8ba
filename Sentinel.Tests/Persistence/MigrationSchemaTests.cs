using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Tests.Persistence;

/// <summary>
/// The migrations are written by hand (no EF design tooling here), so this is what keeps them honest: a database
/// built by the migrations must have exactly the schema of one built straight from the model, on each provider.
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
        Assert.Equal(expected, actual);
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
