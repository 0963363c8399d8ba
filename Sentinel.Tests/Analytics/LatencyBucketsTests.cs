using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics;

namespace Sentinel.Tests.Analytics;

/// <summary>The long views' percentile estimate (ADR 031): within 1% of the exact element, monotone, and each figure inside its bucket.</summary>
public sealed class LatencyBucketsTests
{
    /// <summary>Durations from a microsecond to an hour, spread evenly in log space, plus the round values SDKs report.</summary>
    private static readonly Gen<double> Durations = Gen.OneOf(
        Gen.Choose(0, 1_000_000).Select(i => LatencyBuckets.FloorMs * Math.Pow(3.6e9, i / 1_000_000.0)),
        Gen.Choose(1, 600_000).Select(i => i / 1000.0),
        Gen.Choose(1, 60_000).Select(i => (double)i));

    [Fact]
    public void TheEstimateOfADuration_IsWithinOnePercent()
    {
        Assert.True(LatencyBuckets.MaxRelativeError is > 0.0099 and <= 0.01);
        Prop.ForAll(Durations.ToArbitrary(), d =>
        {
            var estimate = LatencyBuckets.Representative(LatencyBuckets.Of(d));
            return Math.Abs(estimate - d) / d <= LatencyBuckets.MaxRelativeError * (1 + 1e-9);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Buckets_AreMonotone_AndEachFigureLiesInItsOwnBucket()
    {
        Prop.ForAll(Durations.ToArbitrary(), Durations.ToArbitrary(), (a, b) =>
            (a <= b) == (LatencyBuckets.Of(a) <= LatencyBuckets.Of(b)) || LatencyBuckets.Of(a) == LatencyBuckets.Of(b))
            .QuickCheckThrowOnFailure();
        for (var bucket = LatencyBuckets.Of(LatencyBuckets.FloorMs); bucket < LatencyBuckets.Of(3.6e6); bucket++)
        {
            Assert.Equal(bucket, LatencyBuckets.Of(LatencyBuckets.Representative(bucket)));
            Assert.True(LatencyBuckets.Representative(bucket + 1) > LatencyBuckets.Representative(bucket));
        }
    }

    [Fact]
    public void APercentileEstimate_IsWithinOnePercentOfTheExactElement()
    {
        var samples = Gen.ListOf(Durations).Where(list => list.Count > 0).Sample(20, 300);
        foreach (var durations in samples)
        {
            var sorted = durations.Order().ToList();
            foreach (var level in new[] { 0.5, 0.95, 0.99 })
            {
                var exact = ExactQuantile.Of(sorted, level);
                var estimate = LatencyBuckets.Estimate(sorted, level);
                Assert.True(Math.Abs(estimate - exact) / exact <= LatencyBuckets.MaxRelativeError * (1 + 1e-9), $"p{level * 100} of {sorted.Count}: {estimate} vs {exact}");
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.0004)]
    [InlineData(-3.0)]
    public void DurationsBelowAMicrosecond_ShareItsBucket(double duration)
    {
        Assert.Equal(LatencyBuckets.Of(LatencyBuckets.FloorMs), LatencyBuckets.Of(duration));
        Assert.True(Math.Abs(LatencyBuckets.Representative(LatencyBuckets.Of(duration)) - Math.Max(duration, 0)) <= 0.002);
    }
}
