using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>One flagged session waiting for a reviewer, with whoever has it.</summary>
public sealed record ReviewItem(
    Guid ProjectId,
    string SessionId,
    TrustAction Action,
    double Score,
    long EventsSeen,
    string? UserHash,
    DateTime FirstSeen,
    DateTime LastSeen,
    string? AssigneeId,
    string? AssigneeName,
    DateTime? AssignedAt)
{
    public bool IsAssigned => AssigneeId is not null;
}

/// <summary>What a review action came to.</summary>
public enum ReviewResult
{
    Done,
    NotFound,
    NoteRequired,
    InvalidAction,
    UnknownAssignee,
}
