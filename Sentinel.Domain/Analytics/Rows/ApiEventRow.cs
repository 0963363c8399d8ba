using System.Text;

namespace Sentinel.Domain.Analytics.Rows;

/// <summary>One row of <see cref="ApiEventRows"/>: its strings as UTF-8 spans over the row bytes, its numbers as stored.</summary>
public readonly ref struct ApiEventRow
{
    /// <summary>The project id as text (36 characters), as ClickHouse stores it.</summary>
    public ReadOnlySpan<byte> ProjectId { get; init; }

    public ReadOnlySpan<byte> Id { get; init; }

    /// <summary>Unix seconds, UTC.</summary>
    public uint Timestamp { get; init; }

    public ReadOnlySpan<byte> Environment { get; init; }

    public ReadOnlySpan<byte> Method { get; init; }

    public ReadOnlySpan<byte> Host { get; init; }

    public ReadOnlySpan<byte> Path { get; init; }

    public ReadOnlySpan<byte> Route { get; init; }

    public ushort Status { get; init; }

    public double DurationMs { get; init; }

    public ulong RequestBytes { get; init; }

    public ulong ResponseBytes { get; init; }

    public ReadOnlySpan<byte> ConsumerId { get; init; }

    public ReadOnlySpan<byte> Ip { get; init; }

    public ReadOnlySpan<byte> UserAgent { get; init; }

    public ReadOnlySpan<byte> SdkName { get; init; }

    public ReadOnlySpan<byte> SdkVersion { get; init; }

    /// <summary>The headers object as the SDK sent it (JSON text), empty when none.</summary>
    public ReadOnlySpan<byte> Headers { get; init; }

    public ReadOnlySpan<byte> Error { get; init; }

    public DateTime TimestampUtc => DateTime.UnixEpoch.AddSeconds(Timestamp);

    public ApiEvent ToEvent() => new()
    {
        ProjectId = Guid.TryParse(Encoding.UTF8.GetString(ProjectId), out var project) ? project : Guid.Empty,
        Id = Text(Id),
        Timestamp = TimestampUtc,
        Environment = Text(Environment),
        Method = Text(Method),
        Host = Text(Host),
        Path = Text(Path),
        Route = Text(Route),
        Status = Status,
        DurationMs = DurationMs,
        RequestBytes = (long)RequestBytes,
        ResponseBytes = (long)ResponseBytes,
        ConsumerId = Text(ConsumerId),
        Ip = Text(Ip),
        UserAgent = Text(UserAgent),
        SdkName = Text(SdkName),
        SdkVersion = Text(SdkVersion),
        HeadersJson = Text(Headers),
        Error = Text(Error),
    };

    internal bool IsValidText() =>
        ApiEventRows.IsValidText(ProjectId) && ApiEventRows.IsValidText(Id) && ApiEventRows.IsValidText(Environment)
        && ApiEventRows.IsValidText(Method) && ApiEventRows.IsValidText(Host) && ApiEventRows.IsValidText(Path)
        && ApiEventRows.IsValidText(Route) && ApiEventRows.IsValidText(ConsumerId) && ApiEventRows.IsValidText(Ip)
        && ApiEventRows.IsValidText(UserAgent) && ApiEventRows.IsValidText(SdkName) && ApiEventRows.IsValidText(SdkVersion)
        && ApiEventRows.IsValidText(Headers) && ApiEventRows.IsValidText(Error);

    private static string Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
}
