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
/// A low score blocks only with a conclusive reason or when at least <see cref="IndependentTestsToBlock"/>
/// independent tests each speak against the session by at least <see cref="AgreeingContribution"/>; otherwise it
/// challenges: one soft signal, however strong, is a tendency that a device or a person can show.
/// </summary>
public sealed record TrustPolicy
{
    public static readonly TrustPolicy Default = new();

    public double AllowAtOrAbove { get; init; } = 0.7;

    public double BlockBelow { get; init; } = 0.15;

    public int MinimumObservations { get; init; } = 20;

    public TrustAction WithTooLittleEvidence { get; init; } = TrustAction.Challenge;

    /// <summary>Independent tests that must agree before soft evidence may block.</summary>
    public int IndependentTestsToBlock { get; init; } = 2;

    /// <summary>A test agrees when its reasons together lower the log-odds by at least this much.</summary>
    public double AgreeingContribution { get; init; } = 1.0;

    /// <summary>Names what is wrong with the thresholds, or null when they are usable.</summary>
    public string? Validate() => Problems().Select(p => p.Message).FirstOrDefault();

    /// <summary>Everything wrong with the thresholds, each with the property it is about (for a form's field messages).</summary>
    public IReadOnlyList<TrustPolicyProblem> Problems()
    {
        var problems = new List<TrustPolicyProblem>();
        if (!double.IsFinite(BlockBelow) || BlockBelow is < 0 or > 1)
        {
            problems.Add(new(nameof(BlockBelow), "BlockBelow must be between 0 and 1."));
        }

        if (!double.IsFinite(AllowAtOrAbove) || AllowAtOrAbove is < 0 or > 1)
        {
            problems.Add(new(nameof(AllowAtOrAbove), "AllowAtOrAbove must be between 0 and 1."));
        }
        else if (BlockBelow > AllowAtOrAbove)
        {
            problems.Add(new(nameof(BlockBelow), "BlockBelow must not be above AllowAtOrAbove."));
        }

        if (MinimumObservations < 0)
        {
            problems.Add(new(nameof(MinimumObservations), "MinimumObservations must not be negative."));
        }

        if (WithTooLittleEvidence == TrustAction.Block || !Enum.IsDefined(WithTooLittleEvidence))
        {
            problems.Add(new(nameof(WithTooLittleEvidence), "WithTooLittleEvidence must be Allow or Challenge; too little evidence never blocks."));
        }

        if (IndependentTestsToBlock < 2)
        {
            problems.Add(new(nameof(IndependentTestsToBlock), "IndependentTestsToBlock must be at least 2; one soft signal never blocks alone."));
        }

        if (!(AgreeingContribution > 0))
        {
            problems.Add(new(nameof(AgreeingContribution), "AgreeingContribution must be positive."));
        }

        return problems;
    }

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

        return assessment.Score < BlockBelow && MayBlock(assessment.Reasons) ? TrustAction.Block : TrustAction.Challenge;
    }

    /// <summary>A conclusive reason, or enough independent tests that each speak against the session.</summary>
    public bool MayBlock(IReadOnlyList<Evidence> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var against = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var reason in reasons)
        {
            if (reason.Conclusive && reason.Weight < 0)
            {
                return true;
            }

            if (reason.Weight < 0)
            {
                against[reason.Test] = against.GetValueOrDefault(reason.Test) + reason.Weight;
            }
        }

        return against.Values.Count(w => w <= -AgreeingContribution) >= IndependentTestsToBlock;
    }
}

/// <summary>One thing wrong with a <see cref="TrustPolicy"/>: the property (<c>nameof</c>) and a sentence for people.</summary>
public sealed record TrustPolicyProblem(string Field, string Message);
