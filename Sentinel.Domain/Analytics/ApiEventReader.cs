using System.Text.Json;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// Reads API events from JSON in one forward pass and checks every field, so that a bad event is reported with its
/// field and reason and the good events of the same batch are still accepted. The endpoint checks a body with
/// <see cref="CheckBatch"/>, which builds no strings for valid events (it is on the hot path of ingestion); the
/// workers read what was queued with <see cref="ReadQueued"/>, which runs the same checks, so what the endpoint
/// accepted is exactly what gets stored.
/// </summary>
public sealed partial class ApiEventReader(DateTime utcNow, TimeSpan maxFutureSkew, TimeSpan maxAge)
{
    /// <summary>A reader that accepts any timestamp: for events that were checked when they arrived.</summary>
    public static ApiEventReader ForQueuedEvents { get; } = new(DateTime.UtcNow, TimeSpan.MaxValue, TimeSpan.MaxValue);

    /// <summary>
    /// Checks a request body <c>{ "events": [ ... ] }</c>. Stops validating (but keeps counting) past
    /// <paramref name="maxEvents"/>; other top-level properties are ignored.
    /// </summary>
    public CheckedBatch CheckBatch(ReadOnlySpan<byte> body, int maxEvents)
    {
        var valid = new List<(int Start, int Length)>();
        var errors = new List<EventError>();
        var json = new Utf8JsonReader(body);
        var count = 0;
        var sawEvents = false;
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return new CheckedBatch(CheckedBatch.Outcome.NotAnEventsObject, 0, valid, errors);
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
                    return new CheckedBatch(CheckedBatch.Outcome.NotAnEventsObject, 0, valid, errors);
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
                    else if (ReadEvent(body, ref json, count - 1, errors, keep: false, out _))
                    {
                        valid.Add((start, (int)json.BytesConsumed - start));
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
            return new CheckedBatch(CheckedBatch.Outcome.NotJson, 0, [], [], exception.Message);
        }

        var outcome = !sawEvents ? CheckedBatch.Outcome.NotAnEventsObject
            : count == 0 ? CheckedBatch.Outcome.Empty
            : count > maxEvents ? CheckedBatch.Outcome.TooManyEvents
            : CheckedBatch.Outcome.Ok;
        return new CheckedBatch(outcome, count, valid, errors);
    }

    /// <summary>
    /// Reads a queued JSON array of events of one project. Null when the JSON is malformed or any event fails its
    /// checks: a queued entry is written whole or not at all.
    /// </summary>
    public List<ApiEvent>? ReadQueued(ReadOnlySpan<byte> eventsArray, Guid projectId)
    {
        var json = new Utf8JsonReader(eventsArray);
        var events = new List<ApiEvent>();
        var errors = new List<EventError>();
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject || !ReadEvent(eventsArray, ref json, events.Count, errors, keep: true, out var values))
                {
                    return null;
                }

                events.Add(values.ToEvent(projectId));
            }

            return events;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the event object the reader stands on, through its end. Records each fault in <paramref name="errors"/>
    /// and returns whether there was none. With <paramref name="keep"/> the values are kept for building the event.
    /// </summary>
    private bool ReadEvent(ReadOnlySpan<byte> source, ref Utf8JsonReader json, int index, List<EventError> errors, bool keep, out EventValues values)
    {
        values = default;
        var faults = new EventFaults(index, errors);
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
            ReadField(source, ref json, field, ref faults, keep, ref values);
            json.Skip(); // a value of the wrong kind may be an object or array: step over it
        }

        foreach (var field in EventFields.Required)
        {
            if ((nonNull & EventFields.Bit(field)) == 0)
            {
                faults.Fail(EventFields.Name(field), "is required.");
            }
        }

        return faults.None;
    }
}
