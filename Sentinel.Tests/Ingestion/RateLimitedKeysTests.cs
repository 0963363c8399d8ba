using Sentinel.Web.Ingestion;

namespace Sentinel.Tests.Ingestion;

public sealed class RateLimitedKeysTests
{
    [Fact]
    public void AKeyOverItsRate_WaitsUntilItsWindowEnds_ThenIsForgotten()
    {
        var time = new ManualTime();
        var keys = new RateLimitedKeys(time);
        var limited = Guid.NewGuid();
        var other = Guid.NewGuid();

        keys.Limited(limited, TimeSpan.FromMilliseconds(400));
        time.Advance(TimeSpan.FromMilliseconds(150));
        var during = keys.WaitFor(limited);
        time.Advance(TimeSpan.FromMilliseconds(250));
        var after = keys.WaitFor(limited);

        Assert.Equal(TimeSpan.FromMilliseconds(250), during);
        Assert.Null(after);
        Assert.Null(keys.WaitFor(other));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
