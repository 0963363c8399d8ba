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
/// request is one <see cref="CapturedRequest"/> of references and numbers and a channel write; ids, text and JSON are
/// the sender's work. Nothing the SDK does can throw into the app's request.
/// </summary>
internal sealed class SentinelMiddleware(RequestDelegate next, SentinelBuffer buffer, IOptions<SentinelOptions> options, IHostEnvironment host, ILogger<SentinelMiddleware> logger)
{
    private static readonly string[] SecretHeaders = ["authorization", "cookie", "set-cookie", "x-api-key"];

    private readonly SentinelOptions _options = options.Value;
    private readonly PathString[] _excluded = [.. options.Value.ExcludePaths.Select(p => new PathString(p))];
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
            Record(context, Stopwatch.GetTimestamp() - start, error);
        }
    }

    private bool ShouldRecord(PathString path)
    {
        foreach (var excluded in _excluded)
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

    private void Record(HttpContext context, long elapsedTicks, Exception? error)
    {
        try
        {
            var request = context.Request;
            var response = context.Response;
            // An exception that escaped the pipeline becomes a 500 in the server after this middleware.
            var status = error is not null && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode;
            buffer.Add(new CapturedRequest
            {
                Timestamp = DateTime.UtcNow,
                ElapsedTicks = elapsedTicks,
                Method = request.Method,
                Host = request.Host,
                PathBase = request.PathBase,
                Path = request.Path,
                Route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
                Status = status,
                RequestBytes = request.ContentLength,
                ResponseBytes = response.ContentLength,
                ConsumerId = _options.IdentifyConsumer?.Invoke(context),
                Ip = context.Connection.RemoteIpAddress,
                UserAgent = request.Headers.UserAgent,
                Environment = _environment,
                Headers = _options.LogHeaders ? MaskedHeaders(request.Headers) : null,
                Error = status >= 500 ? error is null ? $"HTTP {status}" : $"{error.GetType().Name}: {error.Message}" : null,
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
            var text = value.ToString();
            result[lower] = _masked.Contains(lower) ? "[masked]" : text.Length <= 1024 ? text : text[..1024];
        }

        return result;
    }

    private static string SafeEnvironment(string name)
    {
        var cleaned = new string(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(64).ToArray());
        return cleaned.Length > 0 ? cleaned : "production";
    }
}
