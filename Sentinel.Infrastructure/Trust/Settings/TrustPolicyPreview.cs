using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>A finished session as the preview re-judges it: its fused score, how much evidence it had, and its reasons.</summary>
public sealed record PreviewSession(double Score, int Observations, IReadOnlyList<Evidence> Reasons, TrustAction StoredAction);

/// <summary>How a policy splits sessions; <see cref="TooLittleEvidence"/> is the part of Allow + Challenge decided by the minimum.</summary>
public sealed record PolicySplit(int Allow, int Challenge, int Block, int TooLittleEvidence)
{
    public int Total => Allow + Challenge + Block;
}

/// <summary>
/// What a set of thresholds would have done to the project's recent finished sessions: their stored scores and
/// reasons are judged again with <see cref="TrustPolicy.Decide"/>, which is cheap, so the portal recomputes it on
/// every change of a field. The score itself does not depend on the thresholds, only the action does.
/// </summary>
public static class TrustPolicyPreview
{
    public const int MaxSessions = 5000;
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>The project's sessions finished in the last <see cref="Window"/>, newest first, at most <see cref="MaxSessions"/>.</summary>
    public static async Task<List<PreviewSession>> LoadAsync(SentinelDbContext db, Guid projectId, DateTime utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = utcNow - Window;
        var rows = await db.Set<TrustSessionSummary>().AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.LastSeen >= since)
            .OrderByDescending(s => s.LastSeen)
            .Take(MaxSessions)
            .Select(s => new { s.Score, s.Reasons, s.Action })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => FromStored(r.Score, r.Reasons, r.Action));
    }

    public static PolicySplit Split(TrustPolicy policy, IEnumerable<PreviewSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sessions);
        int allow = 0, challenge = 0, block = 0, tooLittle = 0;
        foreach (var session in sessions)
        {
            var assessment = new TrustAssessment(session.Score, session.Observations, session.Reasons);
            if (session.Observations < policy.MinimumObservations)
            {
                tooLittle++;
            }

            switch (policy.Decide(assessment))
            {
                case TrustAction.Allow:
                    allow++;
                    break;
                case TrustAction.Block:
                    block++;
                    break;
                default:
                    challenge++;
                    break;
            }
        }

        return new PolicySplit(allow, challenge, block, tooLittle);
    }

    /// <summary>The actions the sessions actually got (under the policy of their time, before any reviewer's override).</summary>
    public static PolicySplit AsStored(IEnumerable<PreviewSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var list = sessions as IReadOnlyCollection<PreviewSession> ?? sessions.ToList();
        return new PolicySplit(
            list.Count(s => s.StoredAction == TrustAction.Allow),
            list.Count(s => s.StoredAction == TrustAction.Challenge),
            list.Count(s => s.StoredAction == TrustAction.Block),
            0);
    }

    /// <summary>
    /// Rebuilds a session's evidence from its stored reasons. A summary keeps the reasons that moved the score, so the
    /// amount of evidence is the largest of theirs (as the fusion counts it), and whether a reason was conclusive is
    /// read back from what only a conclusive reason can be: an integrity signal, or a contribution beyond the soft cap.
    /// </summary>
    public static PreviewSession FromStored(double score, string reasonsJson, TrustAction storedAction)
    {
        List<SessionReason> reasons;
        try
        {
            reasons = JsonSerializer.Deserialize(reasonsJson, TrustJson.Default.ListSessionReason) ?? [];
        }
        catch (JsonException)
        {
            reasons = [];
        }

        var evidence = reasons.ConvertAll(r => new Evidence(r.Model, r.Signal, r.Value, r.Contribution, r.Observations, Conclusive: IsConclusive(r)));
        return new PreviewSession(score, evidence.Count == 0 ? 0 : evidence.Max(e => e.Observations), evidence, storedAction);
    }

    private static bool IsConclusive(SessionReason reason) =>
        reason.Contribution < 0
        && (reason.Signal is Signals.UntrustedEvents or Signals.ImpossibleEvents || -reason.Contribution > TrustFusion.MaxWeightPerReason + 1e-9);
}
