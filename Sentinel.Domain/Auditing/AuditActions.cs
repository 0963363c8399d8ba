namespace Sentinel.Domain.Auditing;

/// <summary>The stable names of audited actions; dashboards and filters depend on them.</summary>
public static class AuditActions
{
    public const string ProjectCreated = "project.created";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string BootstrapAdminCreated = "bootstrap.admin_created";
}
