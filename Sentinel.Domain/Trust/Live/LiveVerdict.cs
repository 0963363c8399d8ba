using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Keystrokes;
using Sentinel.Domain.Trust.Session;

namespace Sentinel.Domain.Trust.Live;

/// <summary>
/// The engine's verdict on a live session plus the keystroke anomaly evidence of the marked field, which the
/// engine does not see itself (it works on key classes and zones; the field marker and the user's typing profile
/// come with the wire batch and the user's stored profile).
/// </summary>
public static class LiveVerdict
{
    public const string ModelVersions = $"{TrustEngine.ModelVersions} anomaly-{KeystrokeAnomalyModel.Version}";

    public static TrustVerdict Evaluate(SessionState state, TrustContext context, Evidence? keystroke)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verdict = TrustEngine.Evaluate(state, context);
        if (keystroke is null)
        {
            return verdict with { ModelVersions = ModelVersions };
        }

        var evidence = new List<Evidence>(verdict.Reasons) { keystroke };
        var assessment = TrustFusion.Fuse(evidence);
        return new TrustVerdict(context.Policy.Decide(assessment), assessment.Score, assessment.Observations, evidence, ModelVersions);
    }
}
