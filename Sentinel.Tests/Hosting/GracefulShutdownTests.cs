using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_TheHost_LetsAnInFlightRequestFinish()
    {
        var requestStarted = new TaskCompletionSource();
        var app = SentinelApp.Embedded(kestrel: true);
        app.ConfigureTestServices = services => services.AddTransient<IStartupFilter>(_ => new SlowProbe(requestStarted));
        app.Start();
        using var http = new HttpClient { BaseAddress = app.ServerAddress, Timeout = TimeSpan.FromSeconds(30) };

        var inFlight = http.GetAsync("/test/slow");
        await requestStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = app.DisposeAsync().AsTask();

        var response = await inFlight;
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
        await stopping;
    }

    /// <summary>A request that takes a second, to be in flight when the host is told to stop.</summary>
    private sealed class SlowProbe(TaskCompletionSource started) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/slow", branch => branch.Run(async context =>
            {
                started.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                await context.Response.WriteAsync("finished", CancellationToken.None);
            }));
            next(app);
        };
    }
}
