namespace Sentinel.Infrastructure.Configuration;

/// <summary>Redis for the ingestion queue and live session state. Section <c>Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...</c>. Empty: in-process queue and state.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key Sentinel writes, so that several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sentinel:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
