using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Persistence;

internal static class DatabaseConnectionString
{
    /// <summary>The configured connection string, or the embedded SQLite file in the data folder (created if missing).</summary>
    public static string Resolve(DatabaseOptions database, SentinelOptions sentinel, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }

        var dataDirectory = Path.GetFullPath(sentinel.DataDirectory, contentRoot);
        Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(dataDirectory, "sentinel.db")}";
    }
}
