using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sentinel.Sdk.AspNetCore.Tests.Support;

/// <summary>
/// Sits between an SDK and Sentinel and plays Sentinel's failures: 503 with Retry-After, 429 with Retry-After, down
/// (nothing listens: connection refused), or passes every request through unchanged.
/// </summary>
internal sealed class FaultProxy(Uri sentinel) : IAsyncDisposable
{
    public enum Fault
    {
        ServiceUnavailable,
        TooManyRequests,
        PassThrough,
    }

    private readonly HttpClient _forward = new() { BaseAddress = sentinel };
    private WebApplication? _app;
    private int _port;

    public volatile Fault Mode;

    /// <summary>Requests the proxy answered itself (503 or 429) and forwarded.</summary>
    public int Faulted;

    public int Forwarded;

    /// <summary>Request body bytes the proxy read in full (faulted requests included), to hold the SDKs' byte counters to.</summary>
    public long BytesReceived;

    public Uri Address => new($"http://127.0.0.1:{_port}");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        _port = new Uri(_app.Urls.First()).Port;
    }

    /// <summary>Stops listening: the SDK's connections are refused until <see cref="StartAsync"/> again (same port).</summary>
    public async Task GoDownAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Interlocked.Add(ref BytesReceived, body.Length);
        if (Mode != Fault.PassThrough)
        {
            Interlocked.Increment(ref Faulted);
            context.Response.StatusCode = Mode == Fault.ServiceUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        Interlocked.Increment(ref Forwarded);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString)
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        if (context.Request.Headers.ContentEncoding.Count > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Encoding", context.Request.Headers.ContentEncoding.ToString());
        }

        using var answer = await _forward.SendAsync(request);
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Headers.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString();
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await GoDownAsync();
        _forward.Dispose();
    }
}
