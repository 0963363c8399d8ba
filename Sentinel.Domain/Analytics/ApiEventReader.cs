using System.Text.Json;
using System.Text.Unicode;
using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// Reads API events from JSON in one forward pass and checks every field, so that a bad event is reported with its
/// field and reason and the good events of the same batch are still accepted. The endpoint checks a body with
/// <see cref="CheckBatch"/>, which builds no strings (it is on the hot path of ingestion) and encodes each valid
/// event into the stores' row form (<see cref="ApiEventRows"/>) in the same pass: that is what gets queued and
/// stored, so the workers never parse JSON. <see cref="ReadQueued"/> and <see cref="ReadQueuedRows"/> read the JSON
/// arrays that older versions queued, with the same checks.
/// </summary>
public sealed partial class ApiEventReader(DateTime utcNow, TimeSpan maxFutureSkew, TimeSpan maxAge)
{
    /// <summary>A reader that accepts any timestamp: for events that were checked when they arrived.</summary>
    public static ApiEventReader ForQueuedEvents { get; } = new(DateTime.UtcNow, TimeSpan.MaxValue, TimeSpan.MaxValue);

    /// <summary>
    /// Checks a request body <c>{ "events": [ ... ] }</c> and encodes its valid events as rows of
    /// <paramref name="projectId"/>. Stops validating (but keeps counting) past <paramref name="maxEvents"/>; other
    /// top-level properties are ignored. The rows live in a pooled buffer: disposing the result gives it back, after
    /// which its rows must not be used (not disposing only leaves the buffer to the GC).
    /// </summary>
    public CheckedBatch CheckBatch(ReadOnlySpan<byte> body, int maxEvents, Guid projectId = default)
    {
        var valid = new List<(int Start, int Length)>();
        var rows = new ApiEventRowWriter(body.Length, pooled: true);
        Span<byte> project = stackalloc byte[36];
        projectId.TryFormat(project, out _);
        var errors = new List<EventError>();
        var json = new Utf8JsonReader(body);
        var bodyIsUtf8 = Utf8.IsValid(body); // one vectorised pass instead of one call per string field
        var count = 0;
        var sawEvents = false;
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return new CheckedBatch(CheckedBatch.Outcome.NotAnEventsObject, 0, valid, errors, ApiEventRows.Empty, rowBuffer: rows);
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var isEvents = JsonTokens.NameIs(ref json, "events"u8);
                json.Read();
                if (!isEvents)
                {
                    json.Skip();
                    continue;
                }

                if (sawEvents || json.TokenType != JsonTokenType.StartArray)
                {
                    return new CheckedBatch(CheckedBatch.Outcome.NotAnEventsObject, 0, valid, errors, ApiEventRows.Empty, rowBuffer: rows);
                }

                sawEvents = true;
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    if (count++ >= maxEvents)
                    {
                        json.Skip();
                        continue;
                    }

                    var start = (int)json.TokenStartIndex;
                    if (json.TokenType != JsonTokenType.StartObject)
                    {
                        errors.Add(new EventError(count - 1, "", "An event must be a JSON object."));
                        json.Skip();
                    }
                    else if (ReadEvent(body, ref json, count - 1, errors, bodyIsUtf8, out var values))
                    {
                        valid.Add((start, (int)json.BytesConsumed - start));
                        rows.Write(project, values);
                    }
                }
            }

            // Read to the end so that a body that is not JSON after the array is still refused as a whole.
            while (json.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            return new CheckedBatch(CheckedBatch.Outcome.NotJson, 0, [], [], ApiEventRows.Empty, exception.Message, rows);
        }

        var outcome = !sawEvents ? CheckedBatch.Outcome.NotAnEventsObject
            : count == 0 ? CheckedBatch.Outcome.Empty
            : count > maxEvents ? CheckedBatch.Outcome.TooManyEvents
            : CheckedBatch.Outcome.Ok;
        return new CheckedBatch(outcome, count, valid, errors, outcome == CheckedBatch.Outcome.Ok ? rows.ToRows() : ApiEventRows.Empty, rowBuffer: rows);
    }

    /// <summary>
    /// Reads a queued JSON array of events of one project. Null when the JSON is malformed or any event fails its
    /// checks: a queued entry is written whole or not at all.
    /// </summary>
    public List<ApiEvent>? ReadQueued(ReadOnlySpan<byte> eventsArray, Guid projectId)
    {
        var events = new List<ApiEvent>();
        return ReadQueued(eventsArray, (in EventValues values) => events.Add(values.ToEvent(projectId))) ? events : null;
    }

    /// <summary>
    /// <see cref="ReadQueued"/> into rows: how a queue entry written before rows were queued (a JSON array) is
    /// drained. Null when the JSON is malformed or any event fails its checks.
    /// </summary>
    public ApiEventRows? ReadQueuedRows(ReadOnlySpan<byte> eventsArray, Guid projectId)
    {
        var rows = new ApiEventRowWriter(eventsArray.Length);
        var project = projectId.ToString();
        var utf8 = System.Text.Encoding.UTF8.GetBytes(project);
        return ReadQueued(eventsArray, (in EventValues values) => rows.Write(utf8, values)) ? rows.ToRows() : null;
    }

    private delegate void EventSink(in EventValues values);

    private bool ReadQueued(ReadOnlySpan<byte> eventsArray, EventSink sink)
    {
        var json = new Utf8JsonReader(eventsArray);
        var isUtf8 = Utf8.IsValid(eventsArray);
        var index = 0;
        var errors = new List<EventError>();
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject || !ReadEvent(eventsArray, ref json, index++, errors, isUtf8, out var values))
                {
                    return false;
                }

                sink(values);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the event object the reader stands on, through its end. Records each fault in <paramref name="errors"/>
    /// and returns whether there was none; <paramref name="values"/> are the event's values when there was none.
    /// </summary>
    private bool ReadEvent(ReadOnlySpan<byte> source, ref Utf8JsonReader json, int index, List<EventError> errors, bool sourceIsUtf8, out EventValues values)
    {
        var read = default(EventValues);
        var faults = new EventFaults(index, errors, sourceIsUtf8);
        var present = 0u;
        var nonNull = 0u;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var field = JsonTokens.FieldOf(ref json);
            json.Read();
            if (field == EventField.Unknown)
            {
                json.Skip();
                continue;
            }

            var bit = EventFields.Bit(field);
            if ((present & bit) != 0)
            {
                faults.Fail(EventFields.Name(field), "appears more than once.");
                json.Skip();
                continue;
            }

            present |= bit;
            if (json.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            nonNull |= bit;
            ReadField(source, ref json, field, ref faults, ref read);
            json.Skip(); // a value of the wrong kind may be an object or array: step over it
        }

        foreach (var field in EventFields.Required)
        {
            if ((nonNull & EventFields.Bit(field)) == 0)
            {
                faults.Fail(EventFields.Name(field), "is required.");
            }
        }

        values = read;
        return faults.None;
    }
}
