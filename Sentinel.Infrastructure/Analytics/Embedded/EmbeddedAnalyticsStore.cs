using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics.Embedded;

/// <summary>
/// The single-machine store: a DuckDB file in the data folder (ADR 016). Columnar and vectorised, so the dashboards
/// aggregate a million events in well under a second, and the quantiles are computed in SQL.
/// <para>
/// Writes are idempotent on (project, second, id): a batch is appended to a staging table and moved in one
/// statement that skips keys already stored (<see cref="EmbeddedSql.MoveStaged"/>), the same "first one wins" as
/// before. The worker writes while the dashboards read: DuckDB lets several connections of one process read and write one database at once (MVCC), so each query
/// takes its own connection, and the writes (the staging table is shared) take one lock so they never conflict.
/// One connection stays open for the store's lifetime: DuckDB.NET shares the open database between connections to
/// the same file, and closing the last one would checkpoint and close the file after every statement.
/// </para>
/// </summary>
public sealed class EmbeddedAnalyticsStore(string databaseFile) : IAnalyticsStore, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Lock _opening = new();
    private DuckDBConnection? _keepOpen;

    private string ConnectionString => $"DataSource={databaseFile}";

    /// <summary>The tables are created when the database is first opened, so a dashboard or retention run before the worker starts finds them.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
    }

    public async Task WriteAsync(IReadOnlyList<ApiEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await EmbeddedSql.ExecuteAsync(connection, "DELETE FROM api_events_staging", cancellationToken);
            using (var appender = connection.CreateAppender("api_events_staging"))
            {
                foreach (var e in events)
                {
                    appender.CreateRow()
                        .AppendValue(e.ProjectId).AppendValue(e.Id).AppendValue(UnixTime.Seconds(e.Timestamp)).AppendValue(e.Environment)
                        .AppendValue(e.Method).AppendValue(e.Host).AppendValue(e.Path).AppendValue(e.Route).AppendValue(e.Status)
                        .AppendValue(e.DurationMs).AppendValue(e.RequestBytes).AppendValue(e.ResponseBytes).AppendValue(e.ConsumerId)
                        .AppendValue(e.Ip).AppendValue(e.UserAgent).AppendValue(e.SdkName).AppendValue(e.SdkVersion)
                        .AppendValue(e.HeadersJson).AppendValue(e.Error)
                        .EndRow();
                }
            }

            await using var move = connection.CreateCommand();
            move.CommandText = EmbeddedSql.MoveStaged;
            move.Parameters.Add(new DuckDBParameter("from", events.Min(e => UnixTime.Seconds(e.Timestamp))));
            move.Parameters.Add(new DuckDBParameter("to", events.Max(e => UnixTime.Seconds(e.Timestamp))));
            await move.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Open();
        return await EmbeddedDashboard.QueryAsync(connection, query, cancellationToken);
    }

    public async Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM api_events WHERE project_id = $project AND ts < $cutoff";
            delete.Parameters.Add(new DuckDBParameter("project", projectId));
            delete.Parameters.Add(new DuckDBParameter("cutoff", UnixTime.Seconds(cutoff)));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose()
    {
        _keepOpen?.Dispose();
        _keepOpen = null;
        _writes.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A new connection to the shared database, opening the database (and its folder) the first time.</summary>
    private DuckDBConnection Open()
    {
        lock (_opening)
        {
            if (_keepOpen is null)
            {
                if (Path.GetDirectoryName(Path.GetFullPath(databaseFile)) is { } directory)
                {
                    Directory.CreateDirectory(directory);
                }

                var first = new DuckDBConnection(ConnectionString);
                first.Open();
                using var create = first.CreateCommand();
                create.CommandText = EmbeddedSql.CreateTables;
                create.ExecuteNonQuery();
                _keepOpen = first;
            }
        }

        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }
}
