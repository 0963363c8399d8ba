namespace Sentinel.Domain.Trust.Fusion;

public enum TrustAction
{
    Allow,
    Challenge,
    Block,
}

/// <summary>
/// A project's thresholds. Scores at or above <see cref="AllowAtOrAbove"/> allow, below <see cref="BlockBelow"/>
/// block, in between challenge. With fewer than <see cref="MinimumObservations"/> the verdict is
/// <see cref="WithTooLittleEvidence"/>, which can only be Allow or Challenge: too little evidence never blocks.
/// </summary>
public sealed record TrustPolicy
{
    public static readonly TrustPolicy Default = new();

    public double AllowAtOrAbove { get; init; } = 0.7;

    public double BlockBelow { get; init; } = 0.15;

    public int MinimumObservations { get; init; } = 20;

    public TrustAction WithTooLittleEvidence { get; init; } = TrustAction.Challenge;

    /// <summary>Names what is wrong with the thresholds, or null when they are usable.</summary>
    public string? Validate() => this switch
    {
        { BlockBelow: < 0 or > 1 } => "BlockBelow must be between 0 and 1.",
        { AllowAtOrAbove: < 0 or > 1 } => "AllowAtOrAbove must be between 0 and 1.",
        _ when BlockBelow > AllowAtOrAbove => "BlockBelow must not be above AllowAtOrAbove.",
        { MinimumObservations: < 0 } => "MinimumObservations must not be negative.",
        { WithTooLittleEvidence: TrustAction.Block } => "WithTooLittleEvidence must be Allow or Challenge; too little evidence never blocks.",
        _ => null,
    };

    public TrustAction Decide(TrustAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Observations < MinimumObservations)
        {
            return WithTooLittleEvidence == TrustAction.Allow ? TrustAction.Allow : TrustAction.Challenge;
        }

        if (assessment.Score >= AllowAtOrAbove)
        {
            return TrustAction.Allow;
        }

        return assessment.Score < BlockBelow ? TrustAction.Block : TrustAction.Challenge;
    }
}
