namespace Sentinel.Infrastructure.Configuration;

/// <summary>The app database (users, projects, keys, audit). Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Provider connection string. Empty with SQLite means <c>{DataDirectory}/sentinel.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts (the default). Off when a release job runs <c>--migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
