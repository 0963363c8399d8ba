using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Configuration;

/// <summary>How this host is deployed. Section <c>Sentinel</c>.</summary>
public sealed class SentinelOptions
{
    public const string Section = "Sentinel";

    /// <summary>
    /// Embedded: SQLite, in-process queue and state, embedded analytics store, nothing to install.
    /// Production: PostgreSQL, Redis and ClickHouse or Tinybird, any number of identical hosts.
    /// </summary>
    public DeploymentMode Mode { get; set; } = DeploymentMode.Embedded;

    /// <summary>Folder for the embedded databases, relative to the content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}

public enum DeploymentMode
{
    Embedded,
    Production,
}
