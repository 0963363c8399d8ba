using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Web.Hosting;

/// <summary>Migrations and first-start seeding, at start or as a one-off command (<c>--migrate</c>).</summary>
internal static class DatabaseStartup
{
    /// <summary>Apply migrations, seed, and exit: for a release job that runs before new hosts start.</summary>
    public const string MigrateOnlyArgument = "--migrate";

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart;
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (migrate)
        {
            await initializer.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        await initializer.SeedAsync(app.Lifetime.ApplicationStopping);
    }

    public static async Task MigrateAndSeedDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync(CancellationToken.None);
        await initializer.SeedAsync(CancellationToken.None);
    }
}
