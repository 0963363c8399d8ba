using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sentinel.Domain.Analytics;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>Events as NDJSON rows in the column names of the <c>api_events</c> data source (ClickHouse JSONEachRow and the Tinybird Events API).</summary>
internal static class EventRows
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The ClickHouse condition selecting a project's events older than <paramref name="cutoff"/> (retention).</summary>
    public static string OlderThan(Guid projectId, DateTime cutoff) =>
        $"project_id = {Tinybird.PipeTemplate.Quote(projectId.ToString())} AND timestamp < toDateTime({UnixTime.Seconds(cutoff)})";

    public static byte[] ToNdjson(IReadOnlyList<ApiEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 512);
        foreach (var e in events)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("project_id", e.ProjectId.ToString());
                json.WriteString("id", e.Id);
                json.WriteString("timestamp", e.Timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture));
                json.WriteString("environment", e.Environment);
                json.WriteString("method", e.Method);
                json.WriteString("host", e.Host);
                json.WriteString("path", e.Path);
                json.WriteString("route", e.Route);
                json.WriteNumber("status", e.Status);
                json.WriteNumber("duration_ms", e.DurationMs);
                json.WriteNumber("request_bytes", e.RequestBytes);
                json.WriteNumber("response_bytes", e.ResponseBytes);
                json.WriteString("consumer_id", e.ConsumerId);
                json.WriteString("ip", e.Ip);
                json.WriteString("user_agent", e.UserAgent);
                json.WriteString("sdk_name", e.SdkName);
                json.WriteString("sdk_version", e.SdkVersion);
                json.WriteString("headers", e.HeadersJson);
                json.WriteString("error", e.Error);
                json.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
