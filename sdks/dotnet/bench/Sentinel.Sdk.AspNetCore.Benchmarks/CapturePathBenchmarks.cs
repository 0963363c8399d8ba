using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore.Benchmarks;

/// <summary>
/// What the middleware adds to one request: <c>Bare</c> is the app's endpoint alone, <c>WithSdk</c> the same through
/// the SDK's middleware (the record and the buffer write; the buffer is emptied as the sender would).
/// </summary>
[MemoryDiagnoser]
public class CapturePathBenchmarks
{
    private readonly RequestDelegate _endpoint = context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentLength = 11;
        return Task.CompletedTask;
    };

    private DefaultHttpContext _context = null!;
    private SentinelMiddleware _middleware = null!;
    private SentinelBuffer _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new SentinelOptions
        {
            Key = "snt_ing_bench",
            IdentifyConsumer = context => context.Request.Headers["x-customer"],
        });
        _buffer = new SentinelBuffer(options, new SentinelCounters());
        _middleware = new SentinelMiddleware(_endpoint, _buffer, options, new HostingEnvironment { EnvironmentName = "Production" }, NullLogger<SentinelMiddleware>.Instance);
        _context = new DefaultHttpContext();
        _context.Request.Method = "GET";
        _context.Request.Scheme = "http";
        _context.Request.Host = new HostString("api.shop.example", 8080);
        _context.Request.Path = "/orders/7";
        _context.Request.Headers.UserAgent = "Mozilla/5.0 (X11; Linux x86_64) bench";
        _context.Request.Headers["x-customer"] = "cus_42";
        _context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.7");
        _context.SetEndpoint(new RouteEndpoint(_endpoint, RoutePatternFactory.Parse("/orders/{id:int}"), 0, null, "orders"));
    }

    [Benchmark(Baseline = true)]
    public Task Bare() => _endpoint(_context);

    [Benchmark]
    public Task WithSdk()
    {
        var task = _middleware.InvokeAsync(_context);
        while (_buffer.Reader.TryRead(out _))
        {
        }

        return task;
    }
}
