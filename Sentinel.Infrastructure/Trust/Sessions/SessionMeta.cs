using System.Text.Json.Serialization;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Live;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// What a live session carries besides the engine's binary state: times, counts, the last verdict with its
/// reasons, the reviewer's override, the customer's outcome, the user's baselines copied in when the session
/// started, and the typing in marked fields. Stored as JSON next to the state (hash field <c>m</c>).
/// </summary>
public sealed class SessionMeta
{
    public string? UserHash { get; set; }

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    public long EventsSeen { get; set; }

    public long Rejected { get; set; }

    public TrustAction Action { get; set; } = TrustAction.Challenge;

    public double Score { get; set; }

    public List<SessionReason> Reasons { get; set; } = [];

    public string ModelVersions { get; set; } = LiveVerdict.ModelVersions;

    public SessionOverride? Override { get; set; }

    public SessionOutcome? Outcome { get; set; }

    /// <summary>The user's mouse baseline (MouseProfile bytes) as loaded when the session started; null for new or unknown users.</summary>
    public byte[]? MouseBaseline { get; set; }

    /// <summary>The user's typing profiles per marked field, as loaded when the session started.</summary>
    public List<KeystrokeProfile> KeystrokeProfiles { get; set; } = [];

    /// <summary>Version of the user profile the baselines came from (0 = none).</summary>
    public int ProfileVersion { get; set; }

    public FieldTyping Typing { get; set; } = new();

    /// <summary>Score and action after each batch (bounded, see <see cref="ScoreHistory"/>), for the review page's chart.</summary>
    public List<ScorePoint> History { get; set; } = [];

    /// <summary>The keystroke anomaly evidence of the latest judged phrase.</summary>
    public SessionReason? Keystroke { get; set; }

    /// <summary>What the customer sees: the override when a reviewer set one, else the verdict.</summary>
    [JsonIgnore]
    public TrustAction EffectiveAction => Override?.Action ?? Action;

    public void Record(TrustVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        Action = verdict.Action;
        Score = verdict.Score;
        ModelVersions = verdict.ModelVersions;
        Reasons = verdict.Reasons.Select(SessionReason.From).ToList();
    }
}

/// <summary>One reason of a verdict as shown to the customer and the reviewer.</summary>
/// <param name="Contribution">What it added to the log-odds of "human" (the weight after the fusion's cap).</param>
public sealed record SessionReason(string Model, string Signal, double Value, double Contribution, int Observations)
{
    public static SessionReason From(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var contribution = double.IsFinite(evidence.Weight) ? Math.Clamp(evidence.Weight, -TrustFusion.MaxWeightPerReason, TrustFusion.MaxWeightPerReason) : 0;
        return new SessionReason(evidence.Model, evidence.Reason, evidence.Value, contribution, evidence.Observations);
    }

    public Evidence ToEvidence() => new(Model, Signal, Value, Contribution, Observations);
}

/// <summary>A reviewer's decision that replaces the engine's for this session.</summary>
public sealed record SessionOverride(string By, TrustAction Action, string? Note, DateTime At);

public enum OutcomeKind
{
    Legitimate,
    Fraud,
}

/// <summary>What the customer's backend reported happened in the session.</summary>
public sealed record SessionOutcome(OutcomeKind Outcome, string? Note, DateTime At);
