using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sentinel.Tests.Support;
using Sentinel.Web.Trust;

namespace Sentinel.Tests.Trust;

/// <summary>
/// What the collector tests add to a real Sentinel host: the test page (Sentinel.Tests/Trust/CollectorTestPage.html,
/// with the collector's script tag and SRI hash) and, for tests that look at the wire itself, a sink at
/// <c>/sink/v1/trust/events</c> that records every request the collector makes and answers as the test says.
/// </summary>
internal sealed class CollectorHost : IStartupFilter
{
    public const string PagePath = "/collector-test.html";
    public const string SinkBase = "/sink";

    /// <summary>What the sink answers to the next requests (status, Retry-After, action); ALLOW when empty.</summary>
    public ConcurrentQueue<(int Status, string? RetryAfter, string Action)> Answers { get; } = new();

    public ConcurrentQueue<SinkRequest> Requests { get; } = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static void AddTo(SentinelApp app, CollectorHost host) =>
        app.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(host);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(PagePath, page => page.Run(ServePageAsync));
        app.Map($"{SinkBase}/v1/trust/events", sink => sink.Run(RecordAsync));
        next(app);
    };

    /// <summary>Opens the test page in a fresh context, with the collector posting to <paramref name="endpoint"/> (Sentinel itself when null).</summary>
    public static async Task<IPage> OpenPageAsync(IBrowser browser, Uri server, string key, string? sessionId = null, string? endpoint = null)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        var query = $"?key={Uri.EscapeDataString(key)}&session={sessionId}&endpoint={Uri.EscapeDataString(endpoint ?? string.Empty)}";
        await page.GotoAsync(new Uri(server, PagePath + query).ToString());
        var started = await page.EvaluateAsync<bool>("() => typeof window.collector?.getAction === 'function'");
        Assert.True(started, $"The collector did not start on the test page: {string.Join(" | ", errors)}");
        return page;
    }

    /// <summary>Every event the sink received, in the order sent.</summary>
    public List<JsonElement> ReceivedEvents() =>
        [.. Requests.SelectMany(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()))];

    private static async Task ServePageAsync(HttpContext context)
    {
        var html = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "Sentinel.Tests", "Trust", "CollectorTestPage.html"));
        html = html.Replace("{{script}}", CollectorScript.Path, StringComparison.Ordinal)
            .Replace("{{integrity}}", CollectorScript.Integrity, StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html);
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new SinkRequest(
            context.Request.Method,
            context.Request.ContentType,
            context.Request.Query["key"].ToString(),
            context.Request.Headers.Cookie.ToString(),
            body,
            DateTime.UtcNow));
        var (status, retryAfter, action) = Answers.TryDequeue(out var answer) ? answer : (200, null, "ALLOW");
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsJsonAsync(new { action });
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sentinel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Sentinel.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One request the collector made to the sink.</summary>
internal sealed record SinkRequest(string Method, string? ContentType, string Key, string Cookie, string Body, DateTime ReceivedAt);
