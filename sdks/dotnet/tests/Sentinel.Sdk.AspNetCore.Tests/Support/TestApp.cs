using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sentinel.Sdk.AspNetCore.Tests.Support;

/// <summary>A customer's ASP.NET Core app with the SDK, on Kestrel on a free loopback port.</summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(Action<SentinelOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSentinel(configure);
        var app = builder.Build();
        app.UseSentinel();
        app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id }));
        app.MapGet("/boom", string () => throw new InvalidOperationException("the order service is down"));
        app.MapGet("/health", () => "ok");
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    public static SentinelCounters Counters(WebApplication app) => app.Services.GetRequiredService<SentinelCounters>();
}
