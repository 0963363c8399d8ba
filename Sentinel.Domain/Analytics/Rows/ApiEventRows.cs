using System.Text.Unicode;

namespace Sentinel.Domain.Analytics.Rows;

/// <summary>
/// API events in the stores' row form: ClickHouse's RowBinary of the <c>api_events</c> columns in
/// <see cref="Columns"/> order (a String is its UTF-8 length as LEB128 then the bytes, <c>timestamp</c> UInt32 Unix
/// seconds, numbers little-endian). The endpoint encodes each accepted event into this form once, while it checks
/// it; the queue holds it; the drain only concatenates entries and hands the bytes on. ClickHouse takes them as
/// they are, the Tinybird writer turns them into NDJSON and the DuckDB writer into appender values, without any
/// JSON parsing. Every row carries its project id, so rows of several projects concatenate into one insert.
/// </summary>
public sealed class ApiEventRows
{
    /// <summary>The columns of a row, in order, for <c>INSERT INTO api_events (...) FORMAT RowBinary</c>.</summary>
    public const string Columns =
        "project_id, id, timestamp, environment, method, host, path, route, status, duration_ms, request_bytes, response_bytes, "
        + "consumer_id, ip, user_agent, sdk_name, sdk_version, headers, error";

    internal ApiEventRows(ReadOnlyMemory<byte> bytes, int count)
    {
        Bytes = bytes;
        Count = count;
    }

    public static ApiEventRows Empty { get; } = new(ReadOnlyMemory<byte>.Empty, 0);

    /// <summary>The rows, back to back.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>How many rows (events) <see cref="Bytes"/> holds.</summary>
    public int Count { get; }

    /// <summary>Encodes events (tests, tools, old queue entries); the endpoint writes rows while it reads the JSON instead.</summary>
    public static ApiEventRows From(IEnumerable<ApiEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var writer = new ApiEventRowWriter();
        foreach (var e in events)
        {
            writer.Write(e);
        }

        return writer.ToRows();
    }

    /// <summary>
    /// Rows from bytes of unknown state (a queue entry): null unless they are exactly <paramref name="count"/> whole
    /// rows whose strings are valid UTF-8, so a damaged entry is refused here rather than half written to a store.
    /// </summary>
    public static ApiEventRows? TryRead(ReadOnlyMemory<byte> bytes, int count)
    {
        if (count < 0)
        {
            return null;
        }

        var reader = new ApiEventRowReader(bytes.Span);
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryRead(out var row) || !row.IsValidText())
            {
                return null;
            }
        }

        return reader.End ? new ApiEventRows(bytes, count) : null;
    }

    /// <summary>One block of rows from several (the drain writes the entries it read in one insert).</summary>
    public static ApiEventRows Concat(IReadOnlyList<ApiEventRows> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var bytes = new byte[parts.Sum(p => p.Bytes.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Bytes.Span.CopyTo(bytes.AsSpan(at));
            at += part.Bytes.Length;
        }

        return new ApiEventRows(bytes, parts.Sum(p => p.Count));
    }

    /// <summary>Reads the rows one by one, as spans over <see cref="Bytes"/>.</summary>
    public ApiEventRowReader GetReader() => new(Bytes.Span);

    /// <summary>The rows as events (timestamps in whole seconds, as stored).</summary>
    public List<ApiEvent> ToEvents()
    {
        var events = new List<ApiEvent>(Count);
        var reader = GetReader();
        while (reader.TryRead(out var row))
        {
            events.Add(row.ToEvent());
        }

        return events;
    }

    internal static bool IsValidText(ReadOnlySpan<byte> text) => Utf8.IsValid(text);
}
