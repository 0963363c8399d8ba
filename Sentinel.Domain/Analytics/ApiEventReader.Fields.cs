using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sentinel.Domain.Analytics;

/// <summary>The checks of each field of an event: its JSON type, limits and format, and the value kept when asked.</summary>
public sealed partial class ApiEventReader
{
    private const long MaxUnixMilliseconds = 253402300799999; // 9999-12-31T23:59:59.999Z
    private const int MaxTimestampLength = 64;

    private void ReadField(ReadOnlySpan<byte> source, scoped ref Utf8JsonReader json, EventField field, scoped ref EventFaults faults, scoped ref EventValues values)
    {
        var name = EventFields.Name(field);
        switch (field)
        {
            case EventField.Id:
                values.Id = RequiredText(ref json, ref faults, name, ApiEventLimits.IdMaxLength);
                break;
            case EventField.Timestamp:
                values.Timestamp = ReadTimestamp(ref json, ref faults) ?? default;
                break;
            case EventField.Method:
                values.Method = RequiredText(ref json, ref faults, name, ApiEventLimits.MethodMaxLength, static method =>
                    JsonTokens.IsUpperAscii(method) ? null : "must be an upper-case HTTP method such as GET.");
                break;
            case EventField.Host:
                values.Host = RequiredText(ref json, ref faults, name, ApiEventLimits.HostMaxLength);
                break;
            case EventField.Path:
                values.Path = RequiredText(ref json, ref faults, name, ApiEventLimits.PathMaxLength, static path =>
                    path[0] == (byte)'/' ? null : "must start with '/'.");
                break;
            case EventField.Route:
                values.Route = OptionalText(ref json, ref faults, name, ApiEventLimits.RouteMaxLength);
                break;
            case EventField.Status:
                if (JsonTokens.Number(ref json, ref faults, name, 100, 599) is { } status)
                {
                    if (status != Math.Floor(status))
                    {
                        faults.Fail(name, "must be a whole number.");
                    }

                    values.Status = (int)status;
                }

                break;
            case EventField.DurationMs:
                values.DurationMs = JsonTokens.Number(ref json, ref faults, name, 0, ApiEventLimits.MaxDurationMs) ?? 0;
                break;
            case EventField.RequestBytes:
                values.RequestBytes = (long)(JsonTokens.Number(ref json, ref faults, name, 0, long.MaxValue) ?? 0);
                break;
            case EventField.ResponseBytes:
                values.ResponseBytes = (long)(JsonTokens.Number(ref json, ref faults, name, 0, long.MaxValue) ?? 0);
                break;
            case EventField.Environment:
                values.Environment = OptionalText(ref json, ref faults, name, ApiEventLimits.EnvironmentMaxLength, static environment =>
                    !environment.IsEmpty && JsonTokens.IsEnvironmentName(environment) ? null : "may only contain letters, digits, '-', '_' and '.'.");
                break;
            case EventField.Ip:
                values.Ip = OptionalText(ref json, ref faults, name, ApiEventLimits.IpMaxLength, static ip =>
                    ip.IsEmpty || JsonTokens.IsIpAddress(ip) ? null : "must be an IPv4 or IPv6 address.");
                break;
            case EventField.Sdk:
                ReadSdk(ref json, ref faults, ref values);
                break;
            case EventField.Headers:
                values.HeadersJson = ReadHeaders(source, ref json, ref faults);
                break;
            case EventField.ConsumerId:
                values.ConsumerId = OptionalText(ref json, ref faults, name, ApiEventLimits.ConsumerIdMaxLength);
                break;
            case EventField.UserAgent:
                values.UserAgent = OptionalText(ref json, ref faults, name, ApiEventLimits.UserAgentMaxLength);
                break;
            case EventField.Error:
                values.Error = OptionalText(ref json, ref faults, name, ApiEventLimits.ErrorMaxLength);
                break;
            default:
                break;
        }
    }

    private DateTime? ReadTimestamp(ref Utf8JsonReader json, ref EventFaults faults)
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

        if (!JsonTokens.TryUnescape(ref json, out var text) || text.Length > MaxTimestampLength)
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

    private static void ReadSdk(scoped ref Utf8JsonReader json, scoped ref EventFaults faults, scoped ref EventValues values)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            faults.Fail("sdk", "must be an object with name and version.");
            return;
        }

        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var isName = JsonTokens.NameIs(ref json, "name"u8);
            var isVersion = !isName && JsonTokens.NameIs(ref json, "version"u8);
            json.Read();
            if (isName)
            {
                values.SdkName = OptionalText(ref json, ref faults, "sdk.name", ApiEventLimits.SdkFieldMaxLength);
            }
            else if (isVersion)
            {
                values.SdkVersion = OptionalText(ref json, ref faults, "sdk.version", ApiEventLimits.SdkFieldMaxLength);
            }

            json.Skip();
        }
    }

    /// <summary>Headers are stored as the JSON object the SDK sent (it masks secrets before sending); empty when none.</summary>
    private static ReadOnlySpan<byte> ReadHeaders(ReadOnlySpan<byte> source, scoped ref Utf8JsonReader json, scoped ref EventFaults faults)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            faults.Fail("headers", "must be an object of header names to string values.");
            return default;
        }

        var start = (int)json.TokenStartIndex;
        var count = 0;
        var failed = false;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            if (failed)
            {
                json.Read();
            }
            else if (HeaderFault(ref json, faults.SourceIsUtf8) is { } fault)
            {
                faults.Fail(fault.Field, fault.Reason);
                failed = true;
            }

            json.Skip();
        }

        if (failed)
        {
            return default;
        }

        if (count > ApiEventLimits.MaxHeaders)
        {
            faults.Fail("headers", $"has more than {ApiEventLimits.MaxHeaders} entries.");
            return default;
        }

        return count > 0 ? source[start..(int)json.BytesConsumed] : default;
    }

    /// <summary>
    /// What is wrong with the header the reader stands on (its name), reading through its value; null when nothing.
    /// The headers are stored as sent, so a name or value that cannot be read back as text is refused here. The
    /// field's name and the reason are only built for a header that fails (every event carries a few headers).
    /// </summary>
    private static (string Field, string Reason)? HeaderFault(ref Utf8JsonReader json, bool sourceIsUtf8)
    {
        if (!JsonTokens.TryUnescape(ref json, out var name, sourceIsUtf8))
        {
            json.Read();
            return ("headers", "names " + JsonTokens.InvalidText);
        }

        var nameBytes = name;
        json.Read();
        if (json.TokenType != JsonTokenType.String)
        {
            return (HeaderField(nameBytes), HeaderTooLong);
        }

        if (!JsonTokens.TryUnescape(ref json, out var value, sourceIsUtf8))
        {
            return (HeaderField(nameBytes), JsonTokens.InvalidText);
        }

        return JsonTokens.FitsText(value, ApiEventLimits.HeaderValueMaxLength) ? null : (HeaderField(nameBytes), HeaderTooLong);
    }

    private static readonly string HeaderTooLong = $"must be a string of at most {ApiEventLimits.HeaderValueMaxLength} characters.";

    private static string HeaderField(ReadOnlySpan<byte> name) => $"headers.{Encoding.UTF8.GetString(name)}";

    private static ReadOnlySpan<byte> RequiredText(scoped ref Utf8JsonReader json, scoped ref EventFaults faults, string name, int maxLength, TextRule? rule = null) =>
        Text(ref json, ref faults, name, maxLength, required: true, rule);

    private static ReadOnlySpan<byte> OptionalText(scoped ref Utf8JsonReader json, scoped ref EventFaults faults, string name, int maxLength, TextRule? rule = null) =>
        Text(ref json, ref faults, name, maxLength, required: false, rule);

    /// <summary>A string field: its type, length and (when required) presence, then its own rule; its UTF-8 text when it passes.</summary>
    private static ReadOnlySpan<byte> Text(scoped ref Utf8JsonReader json, scoped ref EventFaults faults, string name, int maxLength, bool required, TextRule? rule)
    {
        if (!JsonTokens.TryText(ref json, ref faults, name, maxLength, out var text) || (required && !JsonTokens.NotEmpty(text, ref faults, name)))
        {
            return default;
        }

        if (rule?.Invoke(text) is { } reason)
        {
            faults.Fail(name, reason);
            return default;
        }

        return text;
    }

    /// <summary>A field's own check on its UTF-8 text: null when it passes, else the reason.</summary>
    private delegate string? TextRule(ReadOnlySpan<byte> text);
}
