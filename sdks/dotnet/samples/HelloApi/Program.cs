// A hello-world ASP.NET Core app with the Sentinel SDK: the SDK's sample, the package test's app and the benchmark's.
// Settings: Sentinel__Key, Sentinel__Endpoint (any SentinelOptions through configuration); SENTINEL_OFF=1 runs it
// without the SDK (the benchmark's baseline).
using Sentinel.Sdk.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var withSdk = Environment.GetEnvironmentVariable("SENTINEL_OFF") != "1";
if (withSdk)
{
    builder.Services.AddSentinel(o => o.IdentifyConsumer = context => context.Request.Headers["x-customer"]);
}

var app = builder.Build();
if (withSdk)
{
    app.UseSentinel();
}

app.MapGet("/hello", () => "hello world");
app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id }));

// A more realistic endpoint (the benchmark's second figure): about 1 ms waiting on a database, then 20 rows as JSON.
app.MapGet("/orders", async (int? page) =>
{
    await Task.Delay(1);
    var first = (page ?? 1) * 20;
    return Results.Ok(Enumerable.Range(first, 20).Select(id => new Order(
        id, $"cus_{id % 97}", id % 5 == 0 ? "refunded" : "paid", id * 7919L % 100_000, "EUR", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (id * 60L)))));
});
app.Run();

internal sealed record Order(int Id, string Customer, string Status, long TotalCents, string Currency, DateTimeOffset CreatedAt);
