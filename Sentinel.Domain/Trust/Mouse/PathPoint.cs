namespace Sentinel.Domain.Trust.Mouse;

/// <summary>One pointer sample of a stroke.</summary>
public readonly record struct PathPoint(float X, float Y, double TimestampMs);
