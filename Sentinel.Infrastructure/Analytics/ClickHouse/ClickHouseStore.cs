using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Analytics.Tinybird;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Analytics.ClickHouse;

/// <summary>
/// Self-hosted ClickHouse over its HTTP interface: inserts the queued rows as they are (they are RowBinary), the table from the Tinybird data source
/// file and the dashboards from the Tinybird pipes' SQL, so both backends run one schema and one set of queries.
/// Views of 7 days and longer read hourly rollups where they are current (ADR 031, <see cref="RollupDashboard"/>),
/// which <see cref="RollUpAsync"/> keeps up to date.
/// </summary>
public sealed partial class ClickHouseStore(HttpClient http, IOptions<AnalyticsOptions> options) : IAnalyticsStore, IAnalyticsRollups
{
    private readonly ClickHouseOptions _settings = options.Value.ClickHouse;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {_settings.Database}", null, useDatabase: false, cancellationToken);
        await ExecuteAsync(TinybirdProject.Events.CreateTableSql(TinybirdProject.EventsDatasource), null, useDatabase: true, cancellationToken);
        foreach (var table in RollupSql.CreateTables.Concat(RollupSql.CreateDailyTables))
        {
            await ExecuteAsync(table, null, useDatabase: true, cancellationToken);
        }
    }

    public Task WriteAsync(ApiEventRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count == 0
            ? Task.CompletedTask
            : ExecuteAsync($"INSERT INTO {TinybirdProject.EventsDatasource} ({ApiEventRows.Columns}) FORMAT RowBinary", rows.Bytes, useDatabase: true, cancellationToken);
    }

    public Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RollupDashboard.Serves(query)
            ? RollupDashboard.QueryAsync(query, QueryJsonAsync, cancellationToken)
            : PipeDashboard.QueryAsync(query, RunPipeAsync, cancellationToken);
    }

    public Task<RollupRun> RollUpAsync(DateTime now, CancellationToken cancellationToken) =>
        new ClickHouseRollups(this).RollUpAsync(now, cancellationToken);

    public Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"ALTER TABLE {TinybirdProject.EventsDatasource} DELETE WHERE {EventRows.OlderThan(projectId, cutoff)}",
            null,
            useDatabase: true,
            cancellationToken);

    /// <summary>Runs one of the Tinybird pipes' SQL here, rendered with the given parameters.</summary>
    internal async Task<IReadOnlyList<JsonElement>> RunPipeAsync(string pipe, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        var sql = PipeTemplate.Render(TinybirdProject.Pipes[pipe].Sql, parameters) + "\nFORMAT JSON";
        var body = await ExecuteAsync(sql, null, useDatabase: true, cancellationToken);
        using var document = JsonDocument.Parse(body);
        return PipeDashboard.DataRows(document);
    }

    /// <summary>One statement ending in <c>FORMAT JSON</c>; its data rows.</summary>
    internal async Task<IReadOnlyList<JsonElement>> QueryJsonAsync(string sql, CancellationToken cancellationToken)
    {
        var body = await ExecuteAsync(sql, null, useDatabase: true, cancellationToken);
        using var document = JsonDocument.Parse(body);
        return PipeDashboard.DataRows(document);
    }

    internal Task ExecuteSqlAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync(sql, null, useDatabase: true, cancellationToken);

    // ClickHouse's codes for input it cannot take (parse errors, wrong types, values out of range): a refusal of the
    // rows, not an outage, although ClickHouse 18 reports them, like every exception, with HTTP 500.
    private static readonly int[] DataErrorCodes = [6, 25, 26, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 131, 321];

    private static bool IsDataError(string body)
    {
        var digits = body.StartsWith("Code: ", StringComparison.Ordinal) ? new string(body.Skip(6).TakeWhile(char.IsAsciiDigit).ToArray()) : "";
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var code) && DataErrorCodes.Contains(code);
    }

    /// <summary>One statement; with a body, the statement goes in the query string and the body is the data.</summary>
    private async Task<string> ExecuteAsync(string sql, ReadOnlyMemory<byte>? data, bool useDatabase, CancellationToken cancellationToken)
    {
        var url = _settings.Url ?? throw new InvalidOperationException("Analytics:ClickHouse:Url is not set.");
        var query = new StringBuilder("?");
        if (useDatabase)
        {
            query.Append("database=").Append(Uri.EscapeDataString(_settings.Database)).Append('&');
        }

        HttpContent content;
        if (data is null)
        {
            content = new StringContent(sql, Encoding.UTF8, "text/plain");
        }
        else
        {
            query.Append("query=").Append(Uri.EscapeDataString(sql));
            content = new ReadOnlyMemoryContent(data.Value);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, query.ToString())) { Content = content };
        request.Headers.Add("X-ClickHouse-User", _settings.Username);
        if (!string.IsNullOrEmpty(_settings.Password))
        {
            request.Headers.Add("X-ClickHouse-Key", _settings.Password);
        }

        using var response = await StoreHttp.SendAsync(http, request, $"ClickHouse at {url}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw StoreHttp.Failure(response, body, "ClickHouse", IsDataError);
    }
}
