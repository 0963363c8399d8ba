using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Infrastructure.Observability;
using Sentinel.Infrastructure.Pipeline;

namespace Sentinel.Tests.Pipeline;

/// <summary>Accepted and drained per second: a counter's rate over a sliding window, fed by the Sentinel meter's own counters.</summary>
public sealed class PipelineRatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OneSample_IsNoRateYet_TwoGiveTheDeltaPerSecond()
    {
        var rate = new CounterRate(TimeSpan.FromSeconds(10));
        rate.Add(T0, 100);
        Assert.Null(rate.PerSecond);

        rate.Add(T0.AddSeconds(2), 160);
        Assert.Equal(30, rate.PerSecond);
    }

    [Fact]
    public void TheRate_SpansTheLastWindow_NotTheWholeHistory()
    {
        var rate = new CounterRate(TimeSpan.FromSeconds(10));
        rate.Add(T0, 0);
        rate.Add(T0.AddSeconds(10), 10_000); // a burst long ago
        for (var s = 12; s <= 30; s += 2)
        {
            rate.Add(T0.AddSeconds(s), 10_000 + ((s - 10) * 5));
        }

        // Samples kept: the newest one at or before 30 - 10 = 20 s, and those after it: (100 - 50) / 10 s.
        Assert.Equal(5, rate.PerSecond);
    }

    [Fact]
    public void ACounterThatStartsAgain_StartsTheWindowAgain_InsteadOfANegativeRate()
    {
        var rate = new CounterRate(TimeSpan.FromSeconds(10));
        rate.Add(T0, 500);
        rate.Add(T0.AddSeconds(2), 600);
        rate.Add(T0.AddSeconds(4), 20);
        Assert.Null(rate.PerSecond);
        rate.Add(T0.AddSeconds(6), 40);
        Assert.Equal(10, rate.PerSecond);
    }

    [Fact]
    public async Task PipelineRates_CountsThisHostsMeterOnly()
    {
        await using var mine = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = mine.GetRequiredService<IMeterFactory>();
        var metrics = new SentinelMetrics(factory);
        var otherMetrics = new SentinelMetrics(other.GetRequiredService<IMeterFactory>());
        var time = new FakeTimeProvider(T0);
        using var rates = new PipelineRates(factory, time);

        metrics.EventsIngested(accepted: 40, rejected: 3);
        metrics.EventsStored(25);
        otherMetrics.EventsIngested(accepted: 1000, rejected: 0);
        otherMetrics.EventsStored(1000);

        Assert.Equal(40, rates.AcceptedTotal);
        Assert.Equal(25, rates.StoredTotal);
    }
}
