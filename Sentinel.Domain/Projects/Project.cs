namespace Sentinel.Domain.Projects;

/// <summary>A customer application whose API traffic and user sessions Sentinel watches.</summary>
public sealed class Project
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 64;
    public const int DefaultRetentionDays = 30;
    public const int MaxRetentionDays = 3650;

    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>URL-safe, unique, stable identifier used in portal links.</summary>
    public required string Slug { get; init; }

    /// <summary>How long API-analytics events are kept, in days; older ones are deleted from the analytics store.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;

    /// <summary>UTC. DateTime rather than DateTimeOffset so SQLite can sort and filter on it.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// UTC; set when an admin archives the project. Archived projects keep their data and audit trail but leave the
    /// portal's lists; their name stays taken so that an old audit entry never points at two projects.
    /// </summary>
    public DateTime? ArchivedAt { get; set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>
    /// The environments the project declares (space-separated names, see <see cref="ProjectEnvironments"/>), offered
    /// by the dashboard's filter beside the ones its data has; null when none were declared.
    /// </summary>
    public string? Environments { get; set; }

    public IReadOnlyList<string> EnvironmentNames => ProjectEnvironments.Split(Environments);
}
