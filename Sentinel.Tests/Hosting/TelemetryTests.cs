using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

/// <summary>OTLP export: off by default; with <c>Telemetry:OtlpEndpoint</c> the host sends traces and the Sentinel meter to it.</summary>
[Collection(ProcessWideListeners.Name)]
public sealed class TelemetryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ByDefault_NothingIsExported_AndNoProviderIsRegistered(string? endpoint)
    {
        // "" is what appsettings.example.json ships.
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = endpoint }).Start();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnEndpoint_TheHostExportsTracesAndTheSentinelMeter_OverOtlpHttp()
    {
        using var collector = OtlpCollector.Start();
        var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = collector.Address.ToString() }).Start();
        try
        {
            Assert.NotNull(app.Services.GetService<TracerProvider>());
            Assert.NotNull(app.Services.GetService<MeterProvider>());
            var project = await app.CreateProjectAsync("Traced");
            var key = await app.CreateKeyAsync(project.Id);
            using var client = app.CreateClient();
            var response = await TestEvents.PostAsync(client, key, TestEvents.Generate(3, seed: 1, DateTime.UtcNow.AddMinutes(-5)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        finally
        {
            // The server's span ends after the client already has the response, so flush until it has been exported
            // (or 20 s passed) rather than once: a single early flush can miss it, and shutdown drops what ends later.
            await Wait.UntilAsync(
                () =>
                {
                    app.Services.GetService<TracerProvider>()?.ForceFlush(10_000);
                    return Task.FromResult(collector.Received("/v1/traces").Any(body => body.Contains("/events/batch", StringComparison.Ordinal)));
                },
                TimeSpan.FromSeconds(20),
                () => $"No trace of the batch request was exported; the collector received: {string.Join(", ", collector.Paths)}");
            app.Services.GetService<MeterProvider>()?.ForceFlush(30_000);
            app.Dispose();
        }

        var traces = collector.Received("/v1/traces");
        var metrics = collector.Received("/v1/metrics");
        Assert.True(traces.Count > 0, $"No trace export; the collector received: {string.Join(", ", collector.Paths)}");
        Assert.Contains(traces, body => body.Contains("/events/batch", StringComparison.Ordinal) && body.Contains("sentinel", StringComparison.Ordinal));
        Assert.Contains(metrics, body => body.Contains("sentinel.ingest.events", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://collector:4318")]
    [InlineData("collector:4318/relative")]
    public void AnEndpointThatIsNotAnHttpAddress_StopsTheHostAtStart_NamingTheKey(string endpoint)
    {
        using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = endpoint });

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("Telemetry:OtlpEndpoint", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : " " + Flatten(error.InnerException)),
    };

    /// <summary>The receiving end of OTLP over HTTP: answers 200 to every export and keeps the bodies by path.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
        private readonly Task _loop;

        private OtlpCollector(int port)
        {
            Address = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public Uri Address { get; }

        public static OtlpCollector Start() => new(FreePort.Next());

        /// <summary>Bodies posted to <paramref name="path"/>; protobuf, read as Latin-1 so that names inside it can be searched.</summary>
        public IReadOnlyList<string> Paths => [.. _received.Select(r => $"{r.Path} ({r.Body.Length} bytes)")];

        public IReadOnlyList<string> Received(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Body)];

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.Latin1.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}

/// <summary>
/// Tests whose hosts listen to process-wide sources (ActivitySource, Meter listeners see every host in the test
/// process): they run alone, so they neither see nor slow down the other tests' hosts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListeners
{
    public const string Name = "Process-wide listeners";
}
