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

    /// <summary>
    /// The field a property name (unescaped UTF-8) stands for; unknown names are ignored by the reader. Every event
    /// names about sixteen fields, so the name is told by its length and first letter before one comparison.
    /// </summary>
    public static EventField Of(ReadOnlySpan<byte> name)
    {
        var candidate = name.Length switch
        {
            2 => name[0] == (byte)'i' && name[1] == (byte)'d' ? EventField.Id : EventField.Ip,
            3 => EventField.Sdk,
            4 => name[0] == (byte)'h' ? EventField.Host : EventField.Path,
            5 => name[0] == (byte)'r' ? EventField.Route : EventField.Error,
            6 => name[0] == (byte)'m' ? EventField.Method : EventField.Status,
            7 => EventField.Headers,
            9 => name[0] == (byte)'t' ? EventField.Timestamp : EventField.UserAgent,
            10 => name[0] == (byte)'d' ? EventField.DurationMs : EventField.ConsumerId,
            11 => EventField.Environment,
            12 => EventField.RequestBytes,
            13 => EventField.ResponseBytes,
            _ => EventField.Unknown,
        };
        return candidate != EventField.Unknown && name.SequenceEqual(Utf8Names[(int)candidate]) ? candidate : EventField.Unknown;
    }
}
