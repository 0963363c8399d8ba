using System.Text;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// The values of one event while <see cref="ApiEventReader"/> reads it. Strings are UTF-8 spans over the request
/// (or over an unescaped copy when the JSON escaped them), so checking and encoding an event builds no string;
/// an empty span is a field that was absent.
/// </summary>
internal ref struct EventValues
{
    public ReadOnlySpan<byte> Id;
    public DateTime Timestamp;
    public ReadOnlySpan<byte> Method;
    public ReadOnlySpan<byte> Host;
    public ReadOnlySpan<byte> Path;
    public ReadOnlySpan<byte> Route;
    public int Status;
    public double DurationMs;
    public long RequestBytes;
    public long ResponseBytes;
    public ReadOnlySpan<byte> Environment;
    public ReadOnlySpan<byte> Ip;
    public ReadOnlySpan<byte> SdkName;
    public ReadOnlySpan<byte> SdkVersion;
    public ReadOnlySpan<byte> HeadersJson;
    public ReadOnlySpan<byte> ConsumerId;
    public ReadOnlySpan<byte> UserAgent;
    public ReadOnlySpan<byte> Error;

    /// <summary>The stored event; call only for an event that passed every check.</summary>
    public readonly ApiEvent ToEvent(Guid projectId) => new()
    {
        ProjectId = projectId,
        Id = Text(Id),
        Timestamp = Timestamp,
        Environment = Environment.IsEmpty ? ApiEventLimits.DefaultEnvironment : Text(Environment),
        Method = Text(Method),
        Host = Text(Host),
        Path = Text(Path),
        Route = Route.IsEmpty ? Text(Path) : Text(Route),
        Status = Status,
        DurationMs = DurationMs,
        RequestBytes = RequestBytes,
        ResponseBytes = ResponseBytes,
        ConsumerId = Text(ConsumerId),
        Ip = Text(Ip),
        UserAgent = Text(UserAgent),
        SdkName = Text(SdkName),
        SdkVersion = Text(SdkVersion),
        HeadersJson = Text(HeadersJson),
        Error = Text(Error),
    };

    private static string Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
}
