using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Configuration;

namespace Sentinel.Infrastructure.Analytics.Tinybird;

/// <summary>
/// Tinybird: writes through the Events API (NDJSON, <c>wait=true</c> so a 200 means the rows are stored), reads the
/// dashboards from the project's published pipes (<c>GET /v0/pipes/{name}.json</c>). The data source and pipes
/// are deployed from <c>Analytics/Tinybird/project</c> with the Tinybird CLI; this class does not create them.
/// </summary>
public sealed partial class TinybirdStore(HttpClient http, IOptions<AnalyticsOptions> options) : IAnalyticsStore
{
    private readonly TinybirdOptions _settings = options.Value.Tinybird;

    /// <summary>Checks that the data source exists; the CLI (<c>tb deploy</c>) creates it.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"/v0/datasources/{TinybirdProject.EventsDatasource}")), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException(
                $"The Tinybird data source {TinybirdProject.EventsDatasource} does not exist; deploy Sentinel.Infrastructure/Analytics/Tinybird/project first.");
        }

        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task WriteAsync(ApiEventRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var body = EventRows.ToNdjson(rows);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Url($"/v0/events?name={TinybirdProject.EventsDatasource}&wait=true")) { Content = new ByteArrayContent(body) },
            cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (result.RootElement.TryGetProperty("quarantined_rows", out var quarantined) && quarantined.GetInt64() > 0)
        {
            // Quarantined rows are not in the data source: the batch is refused, and the worker dead-letters it.
            throw new AnalyticsStoreRefusedException($"Tinybird quarantined {quarantined.GetInt64()} of {rows.Count} rows; see {TinybirdProject.EventsDatasource}_quarantine.");
        }
    }

    public Task<Dashboard> QueryAsync(DashboardQuery query, CancellationToken cancellationToken) =>
        PipeDashboard.QueryAsync(query, RunPipeAsync, cancellationToken);

    public async Task DeleteBeforeAsync(Guid projectId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var condition = EventRows.OlderThan(projectId, cutoff);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Url($"/v0/datasources/{TinybirdProject.EventsDatasource}/delete"))
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("delete_condition", condition)]),
            },
            cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<IReadOnlyList<JsonElement>> RunPipeAsync(string pipe, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"/v0/pipes/{pipe}.json?{query}")), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return PipeDashboard.DataRows(document);
    }

    private Uri Url(string relative) =>
        new(_settings.ApiUrl ?? throw new InvalidOperationException("Analytics:Tinybird:ApiUrl is not set."), relative);

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var request = create();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.Token);
        return await StoreHttp.SendAsync(http, request, $"Tinybird at {_settings.ApiUrl}", cancellationToken);
    }

    /// <summary>429 and 5xx mean "later": the caller keeps the batch and the worker backs off, for Retry-After when given.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw StoreHttp.Failure(response, await response.Content.ReadAsStringAsync(cancellationToken), "Tinybird");
        }
    }
}
