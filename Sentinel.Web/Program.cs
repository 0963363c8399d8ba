using Sentinel.Infrastructure;
using Sentinel.Web.Cli;
using Sentinel.Web.Hosting;
using Sentinel.Web.Ingestion;
using Sentinel.Web.Portal;
using Sentinel.Web.Trust;

var builder = WebApplication.CreateBuilder(args);

builder.AddSentinelInfrastructure();
builder.AddSentinelHosting();
builder.AddPortal();
builder.AddApiKeyAuthentication();
builder.AddEventsBatch();

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

app.UseSentinelHosting();
app.MapHealthEndpoints();
app.MapPublicApiDocument();
app.MapPortal();
app.MapEventsBatch();
app.MapCollectorScript();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
