namespace Sentinel.Tests.Analytics.Portal;

/// <summary>A clock that stays at one instant, so "the last 24 hours" means the same in every run.</summary>
internal sealed class FixedTime(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
}
