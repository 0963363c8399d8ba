namespace Sentinel.Domain.Auditing;

/// <summary>The stable names of audited actions; dashboards and filters depend on them.</summary>
public static class AuditActions
{
    public const string ProjectCreated = "project.created";
    public const string ProjectRetentionChanged = "project.retention_changed";
    public const string ProjectRenamed = "project.renamed";
    public const string ProjectArchived = "project.archived";
    public const string ProjectRestored = "project.restored";
    public const string ProjectEnvironmentsChanged = "project.environments_changed";
    public const string TrustOriginsSet = "trust.origins_set";
    public const string TrustPolicyChanged = "trust.policy_changed";
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string KeyRotated = "key.rotated";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserRemoved = "user.removed";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignInFailed = "user.sign_in_failed";
    public const string UserLockedOut = "user.locked_out";
    public const string BootstrapAdminCreated = "bootstrap.admin_created";
    public const string TrustSessionOverridden = "trust.session_overridden";
    public const string TrustReviewAssigned = "trust.review_assigned";
    public const string TrustReviewReleased = "trust.review_released";
    public const string DeadLetterRedriven = "pipeline.dead_letter_redriven";
    public const string DeadLetterDiscarded = "pipeline.dead_letter_discarded";
    public const string DemoDataRequested = "demo.requested";
    public const string DemoDataLoaded = "demo.loaded";

    /// <summary>Every action, for the audit log's filter.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ProjectCreated, ProjectRenamed, ProjectArchived, ProjectRestored, ProjectRetentionChanged, ProjectEnvironmentsChanged,
        TrustOriginsSet, TrustPolicyChanged,
        KeyCreated, KeyRevoked, KeyRotated,
        UserCreated, UserRoleChanged, UserRemoved, UserUnlocked, UserPasswordReset, UserPasswordChanged,
        UserSignedIn, UserSignInFailed, UserLockedOut, BootstrapAdminCreated,
        TrustSessionOverridden, TrustReviewAssigned, TrustReviewReleased,
        DeadLetterRedriven, DeadLetterDiscarded, DemoDataRequested, DemoDataLoaded,
    ];
}
