namespace Sentinel.Domain.Auditing;

/// <summary>The stable names of audited actions; dashboards and filters depend on them.</summary>
public static class AuditActions
{
    public const string ProjectCreated = "project.created";
    public const string ProjectRetentionChanged = "project.retention_changed";
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string KeyRotated = "key.rotated";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string BootstrapAdminCreated = "bootstrap.admin_created";
}
