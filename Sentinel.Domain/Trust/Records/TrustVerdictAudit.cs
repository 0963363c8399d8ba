using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Records;

/// <summary>One decision about a session, kept for audit: the engine's final verdict, a reviewer's override, an outcome report.</summary>
public sealed class TrustVerdictAudit
{
    public const string FinalVerdict = "verdict";
    public const string ReviewOverride = "override";
    public const string OutcomeReport = "outcome";

    public Guid Id { get; init; }

    public Guid ProjectId { get; init; }

    public required string SessionId { get; init; }

    public DateTime At { get; init; }

    public required string Kind { get; init; }

    public TrustAction? Action { get; init; }

    public double? Score { get; init; }

    public required string Actor { get; init; }

    public string? Note { get; init; }
}
