namespace Sentinel.Domain.Analytics;

/// <summary>Why one event of a batch was rejected: its position, the field at fault and the reason.</summary>
public sealed record EventError(int Index, string Field, string Reason);
