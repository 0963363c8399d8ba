using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>The benchmark's baseline: bare Kestrel that reads a POST body to the end and discards it.</summary>
internal static class BaselineServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/events/batch", async (HttpRequest request) =>
        {
            var buffer = new byte[16 * 1024];
            while (await request.Body.ReadAsync(buffer) > 0)
            {
            }

            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
    }
}
