// A hello-world ASP.NET Core app with the Sentinel SDK: the SDK's sample, the package test's app and the benchmark's.
// Settings: Sentinel__Key, Sentinel__Endpoint (any SentinelOptions through configuration); SENTINEL_OFF=1 runs it
// without the SDK (the benchmark's baseline).
using Sentinel.Sdk.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var withSdk = Environment.GetEnvironmentVariable("SENTINEL_OFF") != "1";
if (withSdk)
{
    builder.Services.AddSentinel(o => o.IdentifyConsumer = context => context.Request.Headers["x-customer"].FirstOrDefault());
}

var app = builder.Build();
if (withSdk)
{
    app.UseSentinel();
}

app.MapGet("/hello", () => "hello world");
app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id }));
app.Run();
