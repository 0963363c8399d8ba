using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Records;

/// <summary>
/// A finished session as kept for review, audit and learning: the final verdict with reasons and model versions,
/// the reviewer's override and the customer's outcome, the session's stroke profile and typing samples (for the
/// user's baseline), and for flagged sessions a bounded sample of raw movement and key timings for the replay.
/// </summary>
public sealed class TrustSessionSummary
{
    public const int SessionIdMaxLength = 128;
    public const int ModelVersionsMaxLength = 256;
    public const int NoteMaxLength = 2000;
    public const int ActorMaxLength = 256;

    public Guid Id { get; init; }

    public Guid ProjectId { get; init; }

    public required string SessionId { get; init; }

    public string? UserHash { get; set; }

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    public DateTime FinalizedAt { get; set; }

    public long EventsSeen { get; set; }

    public long Rejected { get; set; }

    public double Score { get; set; }

    public TrustAction Action { get; set; }

    /// <summary>JSON list of reasons (model, signal, value, contribution, observations).</summary>
    public string Reasons { get; set; } = "[]";

    public string ModelVersions { get; set; } = "";

    public int ProfileVersion { get; set; }

    public TrustAction? OverrideAction { get; set; }

    public string? OverrideBy { get; set; }

    public string? OverrideNote { get; set; }

    public DateTime? OverrideAt { get; set; }

    /// <summary>0 legitimate, 1 fraud, as reported by the customer's backend.</summary>
    public int? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    public DateTime? OutcomeAt { get; set; }

    /// <summary>The session's MouseProfile bytes, for learning the user's baseline.</summary>
    public byte[]? MouseProfile { get; set; }

    /// <summary>JSON list of the typing samples of marked fields, for learning.</summary>
    public string? KeystrokeSamples { get; set; }

    /// <summary>Flagged sessions only: the most recent raw event chunks (see RawSample), for the review replay.</summary>
    public byte[]? RawSample { get; set; }

    /// <summary>JSON list of the score after each batch (bounded), for the review page's chart; null for sessions finished before it was kept.</summary>
    public string? ScoreHistory { get; set; }

    /// <summary>Set once the session has fed the user's baseline (or was judged unfit to), so it is learned once.</summary>
    public DateTime? LearnedAt { get; set; }

    public TrustAction EffectiveAction => OverrideAction ?? Action;
}
