namespace Sentinel.Domain.Analytics;

/// <summary>The top-level fields of an API event as the SDKs send them. The value is the bit of the field in a mask.</summary>
internal enum EventField
{
    Unknown = -1,
    Id,
    Timestamp,
    Method,
    Host,
    Path,
    Route,
    Status,
    DurationMs,
    RequestBytes,
    ResponseBytes,
    Environment,
    Ip,
    Sdk,
    Headers,
    ConsumerId,
    UserAgent,
    Error,
}

/// <summary>Field names as JSON spells them, and the lookup from a property name to its field without building a string.</summary>
internal static class EventFields
{
    private static readonly string[] Names =
    [
        "id", "timestamp", "method", "host", "path", "route", "status", "durationMs", "requestBytes", "responseBytes",
        "environment", "ip", "sdk", "headers", "consumerId", "userAgent", "error",
    ];

    private static readonly byte[][] Utf8Names = [.. Names.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Fields an event cannot be stored without.</summary>
    public static readonly EventField[] Required =
        [EventField.Id, EventField.Timestamp, EventField.Method, EventField.Host, EventField.Path, EventField.Status, EventField.DurationMs];

    public static string Name(EventField field) => Names[(int)field];

    public static uint Bit(EventField field) => 1u << (int)field;

    /// <summary>The field a property name (unescaped UTF-8) stands for; unknown names are ignored by the reader.</summary>
    public static EventField Of(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (Utf8Names[i].Length == name.Length && name.SequenceEqual(Utf8Names[i]))
            {
                return (EventField)i;
            }
        }

        return EventField.Unknown;
    }
}
