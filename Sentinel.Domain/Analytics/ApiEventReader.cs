using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// Reads API events from JSON in one forward pass and checks every field, so that a bad event is reported with its
/// field and reason and the good events of the same batch are still accepted. The endpoint checks a body with
/// <see cref="CheckBatch"/>, which builds no strings for valid events (it is on the hot path of ingestion); the
/// workers read what was queued with <see cref="ReadQueued"/>, which runs the same checks, so what the endpoint
/// accepted is exactly what gets stored.
/// </summary>
public sealed class ApiEventReader(DateTime utcNow, TimeSpan maxFutureSkew, TimeSpan maxAge)
{
    private const long MaxUnixMilliseconds = 253402300799999; // 9999-12-31T23:59:59.999Z
    private const int MaxTimestampLength = 64;
    private const int MaxIpLength = 45;

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
                var isEvents = json.ValueTextEquals("events"u8);
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
        var faults = new Faults(index, errors);
        var present = 0u;
        var nonNull = 0u;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref json);
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

    private void ReadField(ReadOnlySpan<byte> source, ref Utf8JsonReader json, EventField field, ref Faults faults, bool keep, ref EventValues values)
    {
        var name = EventFields.Name(field);
        switch (field)
        {
            case EventField.Id:
                values.Id = RequiredText(ref json, ref faults, name, ApiEventLimits.IdMaxLength, keep);
                break;
            case EventField.Timestamp:
                values.Timestamp = ReadTimestamp(ref json, ref faults) ?? default;
                break;
            case EventField.Method:
                if (TryText(ref json, ref faults, name, ApiEventLimits.MethodMaxLength, out var method) && NotEmpty(method, ref faults, name))
                {
                    if (!IsUpperAscii(method))
                    {
                        faults.Fail(name, "must be an upper-case HTTP method such as GET.");
                    }

                    values.Method = keep ? Encoding.UTF8.GetString(method) : null;
                }

                break;
            case EventField.Host:
                values.Host = RequiredText(ref json, ref faults, name, ApiEventLimits.HostMaxLength, keep);
                break;
            case EventField.Path:
                if (TryText(ref json, ref faults, name, ApiEventLimits.PathMaxLength, out var path) && NotEmpty(path, ref faults, name))
                {
                    if (path[0] != (byte)'/')
                    {
                        faults.Fail(name, "must start with '/'.");
                    }

                    values.Path = keep ? Encoding.UTF8.GetString(path) : null;
                }

                break;
            case EventField.Route:
                values.Route = OptionalText(ref json, ref faults, name, ApiEventLimits.RouteMaxLength, keep);
                break;
            case EventField.Status:
                if (Number(ref json, ref faults, name, 100, 599) is { } status)
                {
                    if (status != Math.Floor(status))
                    {
                        faults.Fail(name, "must be a whole number.");
                    }

                    values.Status = (int)status;
                }

                break;
            case EventField.DurationMs:
                values.DurationMs = Number(ref json, ref faults, name, 0, ApiEventLimits.MaxDurationMs) ?? 0;
                break;
            case EventField.RequestBytes:
                values.RequestBytes = (long)(Number(ref json, ref faults, name, 0, long.MaxValue) ?? 0);
                break;
            case EventField.ResponseBytes:
                values.ResponseBytes = (long)(Number(ref json, ref faults, name, 0, long.MaxValue) ?? 0);
                break;
            case EventField.Environment:
                if (TryText(ref json, ref faults, name, ApiEventLimits.EnvironmentMaxLength, out var environment))
                {
                    if (environment.IsEmpty || !IsEnvironmentName(environment))
                    {
                        faults.Fail(name, "may only contain letters, digits, '-', '_' and '.'.");
                    }

                    values.Environment = keep ? Encoding.UTF8.GetString(environment) : null;
                }

                break;
            case EventField.Ip:
                if (TryText(ref json, ref faults, name, MaxIpLength, out var ip))
                {
                    if (!ip.IsEmpty && !IsIpAddress(ip))
                    {
                        faults.Fail(name, "must be an IPv4 or IPv6 address.");
                    }

                    values.Ip = keep ? Encoding.UTF8.GetString(ip) : null;
                }

                break;
            case EventField.Sdk:
                ReadSdk(ref json, ref faults, keep, ref values);
                break;
            case EventField.Headers:
                values.HeadersJson = ReadHeaders(source, ref json, ref faults, keep);
                break;
            case EventField.ConsumerId:
                values.ConsumerId = OptionalText(ref json, ref faults, name, ApiEventLimits.ConsumerIdMaxLength, keep);
                break;
            case EventField.UserAgent:
                values.UserAgent = OptionalText(ref json, ref faults, name, ApiEventLimits.UserAgentMaxLength, keep);
                break;
            case EventField.Error:
                values.Error = OptionalText(ref json, ref faults, name, ApiEventLimits.ErrorMaxLength, keep);
                break;
            default:
                break;
        }
    }

    private DateTime? ReadTimestamp(ref Utf8JsonReader json, ref Faults faults)
    {
        const string Name = "timestamp";
        DateTime timestamp;
        if (json.TokenType == JsonTokenType.Number && json.TryGetInt64(out var unixMs))
        {
            if (unixMs is < 0 or > MaxUnixMilliseconds)
            {
                faults.Fail(Name, "is out of range.");
                return null;
            }

            timestamp = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        }
        else if (json.TokenType != JsonTokenType.String || !TryParseTimestamp(ref json, out timestamp))
        {
            faults.Fail(Name, "must be an ISO 8601 date-time or Unix milliseconds.");
            return null;
        }

        if (maxFutureSkew != TimeSpan.MaxValue && timestamp > utcNow + maxFutureSkew)
        {
            faults.Fail(Name, $"is more than {maxFutureSkew.TotalMinutes:0} minutes in the future.");
            return null;
        }

        if (maxAge != TimeSpan.MaxValue && timestamp < utcNow - maxAge)
        {
            faults.Fail(Name, $"is older than {maxAge.TotalDays:0} days.");
            return null;
        }

        return timestamp;
    }

    /// <summary>
    /// ISO 8601 in UTC ("...Z", what the SDKs send) takes the reader's allocation-free parser; anything else takes
    /// the lenient parser, which reads a missing offset as UTC.
    /// </summary>
    private static bool TryParseTimestamp(ref Utf8JsonReader json, out DateTime timestamp)
    {
        timestamp = default;
        if (!json.ValueIsEscaped && json.ValueSpan is [.., (byte)'Z'] && json.TryGetDateTimeOffset(out var utc))
        {
            timestamp = utc.UtcDateTime;
            return true;
        }

        var text = Unescaped(ref json);
        if (text.Length > MaxTimestampLength || !Utf8.IsValid(text))
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxTimestampLength];
        var length = Encoding.UTF8.GetChars(text, chars);
        if (!DateTimeOffset.TryParse(chars[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        timestamp = parsed.UtcDateTime;
        return true;
    }

    private static void ReadSdk(ref Utf8JsonReader json, ref Faults faults, bool keep, ref EventValues values)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            faults.Fail("sdk", "must be an object with name and version.");
            return;
        }

        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var isName = json.ValueTextEquals("name"u8);
            var isVersion = !isName && json.ValueTextEquals("version"u8);
            json.Read();
            if (isName)
            {
                values.SdkName = OptionalText(ref json, ref faults, "sdk.name", ApiEventLimits.SdkFieldMaxLength, keep);
            }
            else if (isVersion)
            {
                values.SdkVersion = OptionalText(ref json, ref faults, "sdk.version", ApiEventLimits.SdkFieldMaxLength, keep);
            }

            json.Skip();
        }
    }

    /// <summary>Headers are stored as the JSON object the SDK sent (it masks secrets before sending).</summary>
    private static string? ReadHeaders(ReadOnlySpan<byte> source, ref Utf8JsonReader json, ref Faults faults, bool keep)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            faults.Fail("headers", "must be an object of header names to string values.");
            return null;
        }

        var start = (int)json.TokenStartIndex;
        var count = 0;
        var failed = false;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.ValueSpan;
            json.Read();
            count++;
            if (!failed && (json.TokenType != JsonTokenType.String || !FitsText(Unescaped(ref json), ApiEventLimits.HeaderValueMaxLength)))
            {
                faults.Fail($"headers.{Encoding.UTF8.GetString(name)}", $"must be a string of at most {ApiEventLimits.HeaderValueMaxLength} characters.");
                failed = true;
            }

            json.Skip();
        }

        if (failed)
        {
            return null;
        }

        if (count > ApiEventLimits.MaxHeaders)
        {
            faults.Fail("headers", $"has more than {ApiEventLimits.MaxHeaders} entries.");
            return null;
        }

        return keep && count > 0 ? Encoding.UTF8.GetString(source[start..(int)json.BytesConsumed]) : null;
    }

    private static string? RequiredText(ref Utf8JsonReader json, ref Faults faults, string name, int maxLength, bool keep) =>
        TryText(ref json, ref faults, name, maxLength, out var text) && NotEmpty(text, ref faults, name) && keep ? Encoding.UTF8.GetString(text) : null;

    private static string? OptionalText(ref Utf8JsonReader json, ref Faults faults, string name, int maxLength, bool keep) =>
        TryText(ref json, ref faults, name, maxLength, out var text) && keep ? Encoding.UTF8.GetString(text) : null;

    /// <summary>The value as unescaped UTF-8 when it is a string of valid UTF-8 within <paramref name="maxLength"/> characters.</summary>
    private static bool TryText(ref Utf8JsonReader json, ref Faults faults, string name, int maxLength, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (json.TokenType != JsonTokenType.String)
        {
            faults.Fail(name, "must be a string.");
            return false;
        }

        text = Unescaped(ref json);
        if (!Utf8.IsValid(text))
        {
            faults.Fail(name, "must be valid UTF-8.");
            return false;
        }

        if (!FitsText(text, maxLength))
        {
            faults.Fail(name, $"must be at most {maxLength} characters.");
            return false;
        }

        return true;
    }

    private static bool NotEmpty(ReadOnlySpan<byte> text, ref Faults faults, string name)
    {
        if (text.IsEmpty)
        {
            faults.Fail(name, "must not be empty.");
            return false;
        }

        return true;
    }

    private static double? Number(ref Utf8JsonReader json, ref Faults faults, string name, double min, double max)
    {
        if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            faults.Fail(name, "must be a number.");
            return null;
        }

        if (number < min || number > max)
        {
            faults.Fail(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    /// <summary>The token's text without JSON escapes; escapes are rare, so only they cost an allocation.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return json.ValueSpan;
        }

        var buffer = new byte[json.ValueSpan.Length];
        return buffer.AsSpan(0, json.CopyString(buffer));
    }

    private static EventField FieldOf(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return EventFields.Of(json.ValueSpan);
        }

        return json.ValueSpan.Length > 256 ? EventField.Unknown : EventFields.Of(Unescaped(ref json));
    }

    /// <summary>UTF-16 length at most <paramref name="maxLength"/>; a UTF-8 string never has more characters than bytes.</summary>
    private static bool FitsText(ReadOnlySpan<byte> utf8, int maxLength) =>
        utf8.Length <= maxLength || Encoding.UTF8.GetCharCount(utf8) <= maxLength;

    private static bool IsUpperAscii(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEnvironmentName(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'-' or (byte)'_' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIpAddress(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[MaxIpLength];
        return text.Length <= MaxIpLength && IPAddress.TryParse(chars[..Encoding.UTF8.GetChars(text, chars)], out _);
    }

    /// <summary>Records what is wrong with one event, with its index in the batch.</summary>
    private struct Faults(int index, List<EventError> errors)
    {
        public bool None { get; private set; } = true;

        public void Fail(string field, string reason)
        {
            errors.Add(new EventError(index, field, reason));
            None = false;
        }
    }
}
