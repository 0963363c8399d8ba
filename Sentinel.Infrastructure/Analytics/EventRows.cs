using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Infrastructure.Analytics;

/// <summary>
/// The stores' writes from the one decoded form, <see cref="ApiEventRows"/> (ClickHouse takes those bytes as
/// they are): NDJSON in the <c>api_events</c> data source's column names for the Tinybird Events API, written
/// straight from the rows' UTF-8 spans; and the retention condition.
/// </summary>
internal static class EventRows
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The ClickHouse condition selecting a project's events older than <paramref name="cutoff"/> (retention).</summary>
    public static string OlderThan(Guid projectId, DateTime cutoff) =>
        $"project_id = {Tinybird.PipeTemplate.Quote(projectId.ToString())} AND timestamp < toDateTime({UnixTime.Seconds(cutoff)})";

    public static byte[] ToNdjson(ApiEventRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>(rows.Bytes.Length * 2);
        using var json = new Utf8JsonWriter(buffer);
        Span<char> timestamp = stackalloc char[TimestampFormat.Length];
        var reader = rows.GetReader();
        while (reader.TryRead(out var e))
        {
            e.TimestampUtc.TryFormat(timestamp, out var length, TimestampFormat, CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteString("project_id"u8, e.ProjectId);
            json.WriteString("id"u8, e.Id);
            json.WriteString("timestamp"u8, timestamp[..length]);
            json.WriteString("environment"u8, e.Environment);
            json.WriteString("method"u8, e.Method);
            json.WriteString("host"u8, e.Host);
            json.WriteString("path"u8, e.Path);
            json.WriteString("route"u8, e.Route);
            json.WriteNumber("status"u8, e.Status);
            json.WriteNumber("duration_ms"u8, e.DurationMs);
            json.WriteNumber("request_bytes"u8, e.RequestBytes);
            json.WriteNumber("response_bytes"u8, e.ResponseBytes);
            json.WriteString("consumer_id"u8, e.ConsumerId);
            json.WriteString("ip"u8, e.Ip);
            json.WriteString("user_agent"u8, e.UserAgent);
            json.WriteString("sdk_name"u8, e.SdkName);
            json.WriteString("sdk_version"u8, e.SdkVersion);
            json.WriteString("headers"u8, e.Headers);
            json.WriteString("error"u8, e.Error);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The row's project id (its 36 characters) as a Guid.</summary>
    public static Guid ProjectId(in ApiEventRow row) =>
        Utf8Parser.TryParse(row.ProjectId, out Guid project, out _, 'D') ? project : Guid.Empty;
}
