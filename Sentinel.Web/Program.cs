using Sentinel.Infrastructure;
using Sentinel.Web.Hosting;
using Sentinel.Web.Portal;

var builder = WebApplication.CreateBuilder(args);

builder.AddSentinelInfrastructure();
builder.AddSentinelHosting();
builder.AddPortal();

var app = builder.Build();

if (args.Contains(DatabaseStartup.MigrateOnlyArgument))
{
    await app.MigrateAndSeedDatabaseAsync();
    return;
}

app.UseSentinelHosting();
app.MapHealthEndpoints();
app.MapPublicApiDocument();
app.MapPortal();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
