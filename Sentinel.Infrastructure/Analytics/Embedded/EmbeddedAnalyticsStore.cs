using System.Text;
using DuckDB.NET.Data;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;

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
public sealed partial class EmbeddedAnalyticsStore(string databaseFile) : IAnalyticsStore, IAsyncDisposable, IDisposable
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

    public async Task WriteAsync(ApiEventRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await EmbeddedSql.ExecuteAsync(connection, "DELETE FROM api_events_staging", cancellationToken);
            var (from, to) = Append(connection, rows);
            await using var move = connection.CreateCommand();
            move.CommandText = EmbeddedSql.MoveStaged;
            move.Parameters.Add(new DuckDBParameter("from", from));
            move.Parameters.Add(new DuckDBParameter("to", to));
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

    /// <summary>Appends the rows to the staging table; returns the first and last second they span.</summary>
    private static (long From, long To) Append(DuckDBConnection connection, ApiEventRows rows)
    {
        long from = long.MaxValue, to = long.MinValue;
        using var appender = connection.CreateAppender("api_events_staging");
        var reader = rows.GetReader();
        while (reader.TryRead(out var e))
        {
            from = Math.Min(from, e.Timestamp);
            to = Math.Max(to, e.Timestamp);
            appender.CreateRow()
                .AppendValue(EventRows.ProjectId(e)).AppendValue(Text(e.Id)).AppendValue((long)e.Timestamp).AppendValue(Text(e.Environment))
                .AppendValue(Text(e.Method)).AppendValue(Text(e.Host)).AppendValue(Text(e.Path)).AppendValue(Text(e.Route)).AppendValue((int)e.Status)
                .AppendValue(e.DurationMs).AppendValue((long)e.RequestBytes).AppendValue((long)e.ResponseBytes).AppendValue(Text(e.ConsumerId))
                .AppendValue(Text(e.Ip)).AppendValue(Text(e.UserAgent)).AppendValue(Text(e.SdkName)).AppendValue(Text(e.SdkVersion))
                .AppendValue(Text(e.Headers)).AppendValue(Text(e.Error))
                .EndRow();
        }

        return (from, to);
    }

    private static string Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);

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
