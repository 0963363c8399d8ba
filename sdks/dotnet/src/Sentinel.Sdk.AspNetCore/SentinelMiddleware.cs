using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>
/// Records each request when the app has answered it: route template from the endpoint's RoutePattern, client ip from
/// the connection (so <c>UseForwardedHeaders</c> before it applies), errors from exceptions passing through. Work in the
/// request is one object and a channel write; nothing the SDK does can throw into the app's request.
/// </summary>
internal sealed class SentinelMiddleware(RequestDelegate next, SentinelBuffer buffer, IOptions<SentinelOptions> options, IHostEnvironment host, ILogger<SentinelMiddleware> logger)
{
    private static readonly string[] SecretHeaders = ["authorization", "cookie", "set-cookie", "x-api-key"];

    private readonly SentinelOptions _options = options.Value;
    private readonly string _environment = options.Value.Environment ?? SafeEnvironment(host.EnvironmentName);
    private readonly HashSet<string> _masked = new(SecretHeaders.Concat(options.Value.MaskHeaders), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ShouldRecord(context.Request.Path))
        {
            await next(context);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        Exception? error = null;
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            Record(context, Stopwatch.GetElapsedTime(start), error);
        }
    }

    private bool ShouldRecord(PathString path)
    {
        foreach (var excluded in _options.ExcludePaths)
        {
            if (path.StartsWithSegments(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (_options.SampleRate < 1 && Random.Shared.NextDouble() >= _options.SampleRate)
        {
            Interlocked.Increment(ref buffer.Counters.SampledOutCount);
            return false;
        }

        return true;
    }

    private void Record(HttpContext context, TimeSpan elapsed, Exception? error)
    {
        try
        {
            var request = context.Request;
            // An exception that escaped the pipeline becomes a 500 in the server after this middleware.
            var status = error is not null && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            buffer.Add(new ApiEventRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                Timestamp = DateTimeOffset.UtcNow,
                Method = request.Method.ToUpperInvariant(),
                Host = request.Host.Host,
                Path = request.PathBase.Add(request.Path).Value is { Length: > 0 } p ? p : "/",
                Route = route is null ? null : route.StartsWith('/') ? route : "/" + route,
                Status = status,
                DurationMs = Math.Round(elapsed.TotalMilliseconds, 3),
                RequestBytes = request.ContentLength,
                ResponseBytes = context.Response.ContentLength,
                ConsumerId = Truncate(_options.IdentifyConsumer?.Invoke(context), 128),
                Ip = context.Connection.RemoteIpAddress?.ToString(),
                UserAgent = Truncate(request.Headers.UserAgent.ToString(), 512),
                Environment = _environment,
                Headers = _options.LogHeaders ? MaskedHeaders(request.Headers) : null,
                Error = status >= 500 ? Truncate(error is null ? $"HTTP {status}" : $"{error.GetType().Name}: {error.Message}", 2048) : null,
            });
        }
        catch (Exception e)
        {
            SdkLog.RecordFailed(logger, e);
        }
    }

    private Dictionary<string, string> MaskedHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (result.Count == 64)
            {
                break;
            }

            var lower = name.ToLowerInvariant();
            result[lower] = _masked.Contains(lower) ? "[masked]" : Truncate(value.ToString(), 1024)!;
        }

        return result;
    }

    private static string? Truncate(string? text, int max) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= max ? text : text[..max];

    private static string SafeEnvironment(string name)
    {
        var cleaned = new string(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(64).ToArray());
        return cleaned.Length > 0 ? cleaned : "production";
    }
}
