using Sentinel.Domain.Analytics;

namespace Sentinel.Tests.Analytics;

/// <summary>How a URL's range becomes a dashboard query: presets end now, buckets stay round and few, bad input says why.</summary>
public sealed class DashboardRangeTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 30, 15, 250, DateTimeKind.Utc);

    [Theory]
    [InlineData("1h", 30, 120)]
    [InlineData("24h", 900, 96)]
    [InlineData("7d", 3600, 168)]
    [InlineData("30d", 21_600, 120)]
    public void APreset_EndsAtTheCurrentSecond_WithRoundBuckets(string name, int bucket, int buckets)
    {
        var range = DashboardRange.Parse(name, null, null, Now, out var problem)!;

        Assert.Null(problem);
        Assert.Equal(new DateTime(2026, 11, 25, 12, 30, 15, DateTimeKind.Utc), range.To);
        Assert.Equal((bucket, buckets), (range.BucketSeconds, (int)(range.Length.TotalSeconds / range.BucketSeconds)));
        var query = range.Query(Guid.NewGuid(), "staging");
        Assert.Null(query.Problem());
        Assert.Equal(query.FromUnix - (query.ToUnix - query.FromUnix), query.TotalsFromUnix);
    }

    [Theory]
    [InlineData("90m", null, null, "range: '90m' is not one of")]
    [InlineData("custom", "2026-11-20T10:00:00Z", null, "from/to: a custom range needs both")]
    [InlineData("custom", "yesterday", "2026-11-20T10:00:00Z", "from/to: a custom range needs both")]
    [InlineData("custom", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "to: must be after 'from'")]
    [InlineData(null, "2000-01-01T00:00:00Z", "2026-11-20T10:00:00Z", "from/to: a range may span at most")]
    public void ARangeThatCannotBeUsed_SaysWhichValueAndWhy(string? range, string? from, string? to, string expected)
    {
        Assert.Null(DashboardRange.Parse(range, from, to, Now, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRangeAtAll_IsTheLast24Hours_AndACustomRangeIsReadAsUtc()
    {
        Assert.Equal(TimeSpan.FromHours(24), DashboardRange.Parse(null, null, null, Now, out _)!.Length);
        var custom = DashboardRange.Parse("custom", "2026-11-20T10:00:00+02:00", "2026-11-20T11:00:00Z", Now, out _)!;
        Assert.Equal(new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), custom.From);
        Assert.Equal(DateTimeKind.Utc, custom.From.Kind);
    }

    [Fact]
    public void AFilterOnlyHalfGiven_OrTooLong_IsAProblemOfTheQuery()
    {
        var query = DashboardRange.Preset("1h", Now).Query(Guid.NewGuid(), null);
        Assert.NotNull((query with { Route = "/orders" }).Problem());
        Assert.NotNull((query with { ConsumerId = new string('c', DashboardQuery.FilterMaxLength + 1) }).Problem());
        Assert.Null((query with { Method = "GET", Route = "/orders" }).Problem());
    }
}
