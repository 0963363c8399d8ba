using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Infrastructure.Observability;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Hosting;

public sealed class MetricsTests
{
    [Fact]
    public async Task PortalSignIns_AreCountedByResult()
    {
        await using var app = SentinelApp.Embedded().Start();
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        var results = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        // Only this host's meter: other tests' hosts run in the same process.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SentinelMetrics.MeterName && instrument.Meter.Scope == meterFactory && instrument.Name == "sentinel.portal.sign_ins")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    results.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await SentinelApp.PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = SentinelApp.AdminEmail, ["Input.Password"] = "wrong-password-123" });
        using var signedIn = await app.SignedInClientAsync();

        Assert.Equal(["failed", "succeeded"], results.Order().ToArray());
    }
}
