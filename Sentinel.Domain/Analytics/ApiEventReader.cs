using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// Reads one event of a batch from its JSON and checks every field, so that a bad event is reported with its field
/// and reason and the good events of the same batch are still accepted. The workers read queued events with the same
/// reader, so what the endpoint accepted is exactly what gets stored.
/// </summary>
public sealed class ApiEventReader(DateTime utcNow, TimeSpan maxFutureSkew, TimeSpan maxAge)
{
    /// <summary>A reader that accepts any timestamp: for events that were checked when they arrived.</summary>
    public static ApiEventReader ForQueuedEvents { get; } = new(DateTime.UtcNow, TimeSpan.MaxValue, TimeSpan.MaxValue);

    public ApiEvent? Read(JsonElement json, Guid projectId, int index, List<EventError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new EventError(index, "", "An event must be a JSON object."));
            return null;
        }

        var before = errors.Count;
        var fields = new Fields(json, index, errors);
        var id = fields.RequiredString("id", ApiEventLimits.IdMaxLength);
        var timestamp = ReadTimestamp(fields);
        var method = fields.RequiredString("method", ApiEventLimits.MethodMaxLength);
        if (method is not null && !method.All(char.IsAsciiLetterUpper))
        {
            fields.Fail("method", "must be an upper-case HTTP method such as GET.");
        }

        var host = fields.RequiredString("host", ApiEventLimits.HostMaxLength);
        var path = fields.RequiredString("path", ApiEventLimits.PathMaxLength);
        if (path is not null && !path.StartsWith('/'))
        {
            fields.Fail("path", "must start with '/'.");
        }

        var route = fields.OptionalString("route", ApiEventLimits.RouteMaxLength);
        var status = fields.RequiredNumber("status", 100, 599);
        if (status is { } s && s != Math.Floor(s))
        {
            fields.Fail("status", "must be a whole number.");
        }

        var duration = fields.RequiredNumber("durationMs", 0, ApiEventLimits.MaxDurationMs);
        var requestBytes = fields.OptionalNumber("requestBytes", 0, long.MaxValue) ?? 0;
        var responseBytes = fields.OptionalNumber("responseBytes", 0, long.MaxValue) ?? 0;
        var environment = fields.OptionalString("environment", ApiEventLimits.EnvironmentMaxLength) ?? ApiEventLimits.DefaultEnvironment;
        if (environment.Length == 0 || !environment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            fields.Fail("environment", "may only contain letters, digits, '-', '_' and '.'.");
        }

        var ip = fields.OptionalString("ip", 45) ?? "";
        if (ip.Length > 0 && !IPAddress.TryParse(ip, out _))
        {
            fields.Fail("ip", "must be an IPv4 or IPv6 address.");
        }

        var (sdkName, sdkVersion) = ReadSdk(fields);
        var headers = ReadHeaders(fields);
        var consumer = fields.OptionalString("consumerId", ApiEventLimits.ConsumerIdMaxLength) ?? "";
        var userAgent = fields.OptionalString("userAgent", ApiEventLimits.UserAgentMaxLength) ?? "";
        var error = fields.OptionalString("error", ApiEventLimits.ErrorMaxLength) ?? "";

        if (errors.Count > before)
        {
            return null;
        }

        return new ApiEvent
        {
            ProjectId = projectId,
            Id = id!,
            Timestamp = timestamp!.Value,
            Environment = environment,
            Method = method!,
            Host = host!,
            Path = path!,
            Route = string.IsNullOrEmpty(route) ? path! : route,
            Status = (int)status!.Value,
            DurationMs = duration!.Value,
            RequestBytes = (long)requestBytes,
            ResponseBytes = (long)responseBytes,
            ConsumerId = consumer,
            Ip = ip,
            UserAgent = userAgent,
            SdkName = sdkName,
            SdkVersion = sdkVersion,
            HeadersJson = headers,
            Error = error,
        };
    }

    private DateTime? ReadTimestamp(Fields fields)
    {
        if (!fields.TryGet("timestamp", out var value))
        {
            fields.Fail("timestamp", "is required.");
            return null;
        }

        DateTime timestamp;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var unixMs))
        {
            if (unixMs is < 0 or > 253402300799999)
            {
                fields.Fail("timestamp", "is out of range.");
                return null;
            }

            timestamp = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        }
        else if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            timestamp = parsed.UtcDateTime;
        }
        else
        {
            fields.Fail("timestamp", "must be an ISO 8601 date-time or Unix milliseconds.");
            return null;
        }

        if (maxFutureSkew != TimeSpan.MaxValue && timestamp > utcNow + maxFutureSkew)
        {
            fields.Fail("timestamp", $"is more than {maxFutureSkew.TotalMinutes:0} minutes in the future.");
            return null;
        }

        if (maxAge != TimeSpan.MaxValue && timestamp < utcNow - maxAge)
        {
            fields.Fail("timestamp", $"is older than {maxAge.TotalDays:0} days.");
            return null;
        }

        return timestamp;
    }

    private static (string Name, string Version) ReadSdk(Fields fields)
    {
        if (!fields.TryGet("sdk", out var sdk) || sdk.ValueKind == JsonValueKind.Null)
        {
            return ("", "");
        }

        if (sdk.ValueKind != JsonValueKind.Object)
        {
            fields.Fail("sdk", "must be an object with name and version.");
            return ("", "");
        }

        var inner = fields.Nested(sdk, "sdk.");
        return (inner.OptionalString("name", ApiEventLimits.SdkFieldMaxLength) ?? "", inner.OptionalString("version", ApiEventLimits.SdkFieldMaxLength) ?? "");
    }

    private static string ReadHeaders(Fields fields)
    {
        if (!fields.TryGet("headers", out var headers) || headers.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (headers.ValueKind != JsonValueKind.Object)
        {
            fields.Fail("headers", "must be an object of header names to string values.");
            return "";
        }

        var count = 0;
        foreach (var header in headers.EnumerateObject())
        {
            count++;
            if (header.Value.ValueKind != JsonValueKind.String || header.Value.GetString()!.Length > ApiEventLimits.HeaderValueMaxLength)
            {
                fields.Fail($"headers.{header.Name}", $"must be a string of at most {ApiEventLimits.HeaderValueMaxLength} characters.");
                return "";
            }
        }

        if (count > ApiEventLimits.MaxHeaders)
        {
            fields.Fail("headers", $"has more than {ApiEventLimits.MaxHeaders} entries.");
            return "";
        }

        return count == 0 ? "" : headers.GetRawText();
    }

    /// <summary>Field access that records what is wrong instead of throwing.</summary>
    private readonly struct Fields(JsonElement json, int index, List<EventError> errors, string path = "")
    {
        public bool TryGet(string name, out JsonElement value) => json.TryGetProperty(name, out value);

        public void Fail(string name, string reason) => errors.Add(new EventError(index, path + name, reason));

        public Fields Nested(JsonElement inner, string prefix) => new(inner, index, errors, path + prefix);

        public string? RequiredString(string name, int maxLength)
        {
            var value = OptionalString(name, maxLength);
            if (value is null && !HasNonNull(name))
            {
                Fail(name, "is required.");
            }
            else if (value is { Length: 0 })
            {
                Fail(name, "must not be empty.");
                return null;
            }

            return value;
        }

        public string? OptionalString(string name, int maxLength)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(name, "must be a string.");
                return null;
            }

            var text = value.GetString()!;
            if (text.Length > maxLength)
            {
                Fail(name, $"must be at most {maxLength} characters.");
                return null;
            }

            return text;
        }

        public double? RequiredNumber(string name, double min, double max)
        {
            if (!HasNonNull(name))
            {
                Fail(name, "is required.");
                return null;
            }

            return OptionalNumber(name, min, max);
        }

        public double? OptionalNumber(string name, double min, double max)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Fail(name, "must be a number.");
                return null;
            }

            if (number < min || number > max)
            {
                Fail(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
                return null;
            }

            return number;
        }

        private bool HasNonNull(string name) => json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
    }
}
