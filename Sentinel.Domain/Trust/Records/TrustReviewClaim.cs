namespace Sentinel.Domain.Trust.Records;

/// <summary>Who on the team reviews a flagged session: one row per session, replaced when it is reassigned.</summary>
public sealed class TrustReviewClaim
{
    public Guid ProjectId { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The Identity user id of the reviewer.</summary>
    public required string AssigneeId { get; set; }

    /// <summary>The reviewer's email at the time, for the list (the team page may rename nobody, but may remove them).</summary>
    public required string AssigneeName { get; set; }

    public required string AssignedBy { get; set; }

    public DateTime AssignedAt { get; set; }
}
