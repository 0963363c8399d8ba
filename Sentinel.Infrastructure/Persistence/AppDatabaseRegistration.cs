using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Persistence;

internal static class AppDatabaseRegistration
{
    /// <summary>
    /// <see cref="SentinelDbContext"/> as the subclass of the configured provider, so that the provider's own
    /// migrations and model snapshot apply (docs/decisions/028).
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        return provider == DatabaseProvider.PostgreSql
            ? services.AddDbContext<SentinelDbContext, PostgresSentinelDbContext>((services, options) => options.UseNpgsql(ConnectionString(services, builder)))
            : services.AddDbContext<SentinelDbContext, SqliteSentinelDbContext>((services, options) => options.UseSqlite(ConnectionString(services, builder)));
    }

    private static string ConnectionString(IServiceProvider services, IHostApplicationBuilder builder) =>
        DatabaseConnectionString.Resolve(
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            services.GetRequiredService<IOptions<SentinelOptions>>().Value,
            builder.Environment.ContentRootPath);
}
