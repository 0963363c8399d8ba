namespace Sentinel.Domain.Auditing;

/// <summary>One change made through the portal or API: who did what to which subject, and when.</summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int SubjectMaxLength = 200;
    public const int ActorMaxLength = 256;

    public Guid Id { get; init; }

    /// <summary>UTC. DateTime rather than DateTimeOffset so SQLite can sort and filter on it.</summary>
    public DateTime At { get; init; }

    /// <summary>Identity user id of the actor, or null for the system itself (for example the first-start bootstrap).</summary>
    public string? ActorUserId { get; init; }

    /// <summary>Readable name of the actor at the time of the change, kept even when the user is deleted.</summary>
    public required string Actor { get; init; }

    /// <summary>Dotted verb such as <c>project.created</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public required string Subject { get; init; }

    public Guid? ProjectId { get; init; }

    public string? Detail { get; init; }
}
