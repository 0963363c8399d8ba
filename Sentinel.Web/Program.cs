using Sentinel.Infrastructure;
using Sentinel.Web.Cli;
using Sentinel.Web.Hosting;
using Sentinel.Web.Ingestion;
using Sentinel.Web.Jobs;
using Sentinel.Web.Keys;
using Sentinel.Web.Portal;
using Sentinel.Web.Trust;

var builder = WebApplication.CreateBuilder(args);

builder.AddSentinelInfrastructure();
builder.AddSentinelHosting();
builder.AddTelemetry();
builder.AddPortal();
builder.AddApiKeyAuthentication();
builder.AddEventsBatch();
builder.AddCommandLine(args);
builder.AddTrustApi();

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

// Middleware, in order: forwarded headers, errors (ProblemDetails for the API, pages for the portal), HSTS and
// routing (UseSentinelHosting), then who the caller is and what they may do, then antiforgery for the portal's forms.
app.UseSentinelHosting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthEndpoints();
app.MapPublicApiDocument();
app.MapPortal();
app.MapJobsDashboard();

// The public machine API: every /v1 endpoint is mapped on this one group.
var api = app.MapPublicApi();
api.MapEventsBatch();
api.MapTrustApi();
api.MapCollectorScript();
api.MapUnknownRoutes();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
