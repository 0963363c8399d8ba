using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Physics;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Domain.Trust;

/// <summary>What the engine may consult besides the session itself.</summary>
/// <param name="Policy">The project's thresholds.</param>
/// <param name="SessionId">This session's id, so the replay catalog does not match it with itself.</param>
/// <param name="Catalog">Fingerprints of earlier sessions, or null to skip cross-session replay detection.</param>
/// <param name="MouseBaseline">The user's mouse baseline, or null when the user is unknown or new.</param>
/// <param name="Calibration">The signals' rates; null means <see cref="TrustCalibration.Shipped"/>.</param>
public sealed record TrustContext(TrustPolicy Policy, string? SessionId = null, IReplayCatalog? Catalog = null, MouseProfile? MouseBaseline = null, TrustCalibration? Calibration = null)
{
    public static readonly TrustContext Default = new(TrustPolicy.Default);
}

/// <summary>
/// The engine's answer after a batch: the reasons are exactly the signals that moved the score, each with its value
/// and its (capped) contribution, largest first; and the model versions that produced it.
/// </summary>
public sealed record TrustVerdict(TrustAction Action, double Score, int Observations, IReadOnlyList<Evidence> Reasons, string ModelVersions);

/// <summary>
/// Scores a session batch by batch: feeds the batch into the session state, asks each model for evidence on the
/// whole session so far, fuses it and applies the project's policy. Pure: no I/O, no clock.
/// </summary>
public static class TrustEngine
{
    /// <summary>Recorded with every verdict, so a reviewer knows which models decided and old verdicts can be explained.</summary>
    public const string ModelVersions = $"{PhysicsModel.Version} {PatternModel.Version} anomaly-{MouseAnomalyModel.Version} fusion-2";

    public static TrustVerdict Score(SessionState state, ReadOnlySpan<BehaviorEvent> batch, TrustContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        state.Apply(batch);
        return Evaluate(state, context);
    }

    /// <summary>The verdict on the session as it stands, without new events.</summary>
    public static TrustVerdict Evaluate(SessionState state, TrustContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var evidence = new List<Evidence>(12);
        var calibration = context.Calibration ?? TrustCalibration.Shipped;
        PhysicsModel.Assess(state, calibration, evidence);
        PatternModel.Assess(state, context.Catalog, context.SessionId, calibration, evidence);
        if (MouseAnomalyModel.Assess(context.MouseBaseline, state.Mouse.Profile) is { } anomaly)
        {
            evidence.Add(anomaly);
        }

        var assessment = TrustFusion.Fuse(evidence);
        return new TrustVerdict(context.Policy.Decide(assessment), assessment.Score, assessment.Observations, assessment.Reasons, ModelVersions);
    }

    /// <summary>The session's fingerprints, for the replay catalog once the session ends.</summary>
    public static SessionFingerprint Fingerprint(SessionState state, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SessionFingerprint(sessionId, state.Mouse.Trajectories.Clone(), state.Keys.Rhythm.Clone());
    }
}
