using DuckDB.NET.Data;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>The embedded store's tables and the statement that moves a staged batch in, skipping what is already stored.</summary>
internal static class EmbeddedSql
{
    private const string Columns = """
        project_id UUID NOT NULL, id VARCHAR NOT NULL, ts BIGINT NOT NULL, environment VARCHAR NOT NULL,
        method VARCHAR NOT NULL, host VARCHAR NOT NULL, path VARCHAR NOT NULL, route VARCHAR NOT NULL, status INTEGER NOT NULL,
        duration_ms DOUBLE NOT NULL, request_bytes BIGINT NOT NULL, response_bytes BIGINT NOT NULL,
        consumer_id VARCHAR NOT NULL, ip VARCHAR NOT NULL, user_agent VARCHAR NOT NULL, sdk_name VARCHAR NOT NULL,
        sdk_version VARCHAR NOT NULL, headers VARCHAR NOT NULL, error VARCHAR NOT NULL
        """;

    /// <summary>ts is whole Unix seconds, as in the other stores; the key is ClickHouse's sorting key (project, second, id).</summary>
    public const string CreateTables = $"""
        CREATE TABLE IF NOT EXISTS api_events ({Columns}, PRIMARY KEY (project_id, ts, id));
        CREATE TABLE IF NOT EXISTS api_events_staging ({Columns});
        """;

    /// <summary>
    /// One statement, so a batch is stored whole or not at all. A key already stored, or twice in the batch, keeps
    /// its first row (DuckDB refuses a key twice in one INSERT even with OR IGNORE, hence the QUALIFY).
    /// </summary>
    public const string MoveStaged = """
        INSERT OR IGNORE INTO api_events
        SELECT * FROM api_events_staging QUALIFY row_number() OVER (PARTITION BY project_id, ts, id) = 1
        """;

    public static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
