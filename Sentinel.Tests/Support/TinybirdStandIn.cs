using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Infrastructure.Analytics.Tinybird;

namespace Sentinel.Tests.Support;

/// <summary>
/// A local stand-in for Tinybird's HTTP API, backed by the real ClickHouse: the data source is created from the
/// repository's <c>.datasource</c> file (as <c>tb deploy</c> would), the Events API appends NDJSON
/// (<c>POST /v0/events?name=&amp;wait=true</c> answering <c>{successful_rows, quarantined_rows}</c>), the Pipes API
/// renders the repository's <c>.pipe</c> SQL and runs it (<c>GET /v0/pipes/{name}.json</c> answering
/// <c>{meta, data, rows, statistics}</c> with unquoted 64-bit integers, as Tinybird does), and the delete job API
/// runs the condition. Requests need the bearer token. Tests can queue failures (429 with Retry-After, 503).
/// </summary>
internal sealed class TinybirdStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClickHouseServer _clickHouse;
    private readonly string _database;

    private TinybirdStandIn(WebApplication app, ClickHouseServer clickHouse, string database)
    {
        _app = app;
        _clickHouse = clickHouse;
        _database = database;
    }

    public const string Token = "p.test-token";

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Answers the next Events API calls with these statuses (and Retry-After: 1 on 429) before behaving normally.</summary>
    public ConcurrentQueue<int> EventsFailures { get; } = new();

    public int EventsRequests { get; private set; }

    public static async Task<TinybirdStandIn> StartAsync()
    {
        var clickHouse = await TestServers.ClickHouseAsync();
        var database = await clickHouse.CreateDatabaseAsync();
        await clickHouse.QueryAsync(TinybirdProject.Events.CreateTableSql($"{database}.{TinybirdProject.EventsDatasource}"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new TinybirdStandIn(app, clickHouse, database);
        standIn.Map(app);
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = "Invalid token" });
                return;
            }

            await next();
        });

        app.MapGet("/v0/datasources/{name}", (string name) =>
            name == TinybirdProject.EventsDatasource ? Results.Json(new { name, type = "ndjson" }) : Results.Json(new { error = $"Data Source '{name}' not found" }, statusCode: 404));

        app.MapPost("/v0/events", async (HttpContext context, string name, bool? wait) =>
        {
            EventsRequests++;
            if (EventsFailures.TryDequeue(out var failure))
            {
                if (failure == StatusCodes.Status429TooManyRequests)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                return Results.Json(new { error = "injected failure" }, statusCode: failure);
            }

            if (name != TinybirdProject.EventsDatasource)
            {
                return Results.Json(new { error = $"Data Source '{name}' not found" }, statusCode: 404);
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var ndjson = await reader.ReadToEndAsync();
            var rows = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            await _clickHouse.QueryAsync($"INSERT INTO {_database}.{name} FORMAT JSONEachRow\n{ndjson}");
            return wait == true
                ? Results.Json(new { successful_rows = rows, quarantined_rows = 0 }, statusCode: 200)
                : Results.Json(new { successful_rows = rows, quarantined_rows = 0 }, statusCode: 202);
        });

        app.MapGet("/v0/pipes/{file}", async (string file, HttpContext context) =>
        {
            var name = file.EndsWith(".json", StringComparison.Ordinal) ? file[..^5] : file;
            if (!TinybirdProject.Pipes.TryGetValue(name, out var pipe))
            {
                return Results.Json(new { error = $"The pipe '{name}' does not exist" }, statusCode: 404);
            }

            var parameters = context.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            string sql;
            try
            {
                sql = PipeTemplate.Render(pipe.Sql, parameters);
            }
            catch (ArgumentException exception)
            {
                return Results.Json(new { error = exception.Message }, statusCode: 400);
            }

            var json = await _clickHouse.QueryAsync(
                $"SELECT * FROM ({sql.Replace($"FROM {TinybirdProject.EventsDatasource}", $"FROM {_database}.{TinybirdProject.EventsDatasource}", StringComparison.Ordinal)}) "
                + "FORMAT JSON",
                "output_format_json_quote_64bit_integers=0");
            return Results.Text(json, "application/json");
        });

        app.MapPost("/v0/datasources/{name}/delete", async (string name, HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            await _clickHouse.QueryAsync($"ALTER TABLE {_database}.{name} DELETE WHERE {form["delete_condition"]}");
            return Results.Json(new { id = Guid.NewGuid(), job_id = Guid.NewGuid(), status = "waiting", delete_condition = form["delete_condition"].ToString() });
        });
    }
}
