namespace Sentinel.Domain.Analytics;

/// <summary>The values of one event while <see cref="ApiEventReader"/> reads it; strings are only filled when kept.</summary>
internal struct EventValues
{
    public string? Id;
    public DateTime Timestamp;
    public string? Method;
    public string? Host;
    public string? Path;
    public string? Route;
    public int Status;
    public double DurationMs;
    public long RequestBytes;
    public long ResponseBytes;
    public string? Environment;
    public string? Ip;
    public string? SdkName;
    public string? SdkVersion;
    public string? HeadersJson;
    public string? ConsumerId;
    public string? UserAgent;
    public string? Error;

    /// <summary>The stored event; call only for an event that passed every check, with its values kept.</summary>
    public readonly ApiEvent ToEvent(Guid projectId) => new()
    {
        ProjectId = projectId,
        Id = Id!,
        Timestamp = Timestamp,
        Environment = Environment ?? ApiEventLimits.DefaultEnvironment,
        Method = Method!,
        Host = Host!,
        Path = Path!,
        Route = string.IsNullOrEmpty(Route) ? Path! : Route,
        Status = Status,
        DurationMs = DurationMs,
        RequestBytes = RequestBytes,
        ResponseBytes = ResponseBytes,
        ConsumerId = ConsumerId ?? "",
        Ip = Ip ?? "",
        UserAgent = UserAgent ?? "",
        SdkName = SdkName ?? "",
        SdkVersion = SdkVersion ?? "",
        HeadersJson = HeadersJson ?? "",
        Error = Error ?? "",
    };
}
