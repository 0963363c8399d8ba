namespace Sentinel.Infrastructure.Auditing;

/// <summary>Who made a change: a portal user (id and name) or the system (no id).</summary>
public sealed record AuditActor(string? UserId, string Name)
{
    public static readonly AuditActor System = new(null, "system");
}
