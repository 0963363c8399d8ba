namespace Sentinel.Domain.Analytics;

/// <summary>Stores keep whole UTC seconds; this is the one conversion they all use.</summary>
public static class UnixTime
{
    public static long Seconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
