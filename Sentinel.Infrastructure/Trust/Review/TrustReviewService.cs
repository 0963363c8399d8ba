using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>
/// The review queue: finished sessions the engine BLOCKed or CHALLENGEd that no reviewer has decided yet, oldest
/// first; claiming or assigning one (stored, audited); and the reviewer's override, which needs a note, is audited in
/// the portal's log and the verdict audit, becomes what the verdict API answers and labels the session for learning.
/// </summary>
public sealed class TrustReviewService(SentinelDbContext db, AuditLog audit, TrustSessionsService sessions, ITrustSessionFeed feed, ITrustSessionStore live, TimeProvider time)
{
    public const int MaxQueue = 500;

    /// <summary>Flagged, undecided sessions, oldest last batch first; <paramref name="projectId"/> null for every project.</summary>
    public async Task<List<ReviewItem>> QueueAsync(Guid? projectId, int take, CancellationToken cancellationToken)
    {
        var flagged = db.Set<TrustSessionSummary>().AsNoTracking()
            .Where(s => s.OverrideAction == null && (s.Action == TrustAction.Block || s.Action == TrustAction.Challenge));
        if (projectId is { } id)
        {
            flagged = flagged.Where(s => s.ProjectId == id);
        }

        var rows = await (
            from s in flagged
            join c in db.Set<TrustReviewClaim>() on new { s.ProjectId, s.SessionId } equals new { c.ProjectId, c.SessionId } into claims
            from c in claims.DefaultIfEmpty()
            orderby s.LastSeen
            select new ReviewItem(s.ProjectId, s.SessionId, s.Action, s.Score, s.EventsSeen, s.UserHash, s.FirstSeen, s.LastSeen, c.AssigneeId, c.AssigneeName, c.AssignedAt))
            .Take(Math.Clamp(take, 1, MaxQueue)).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Who has the session, or null.</summary>
    public Task<TrustReviewClaim?> ClaimOfAsync(Guid projectId, string sessionId, CancellationToken cancellationToken) =>
        db.Set<TrustReviewClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId && c.SessionId == sessionId, cancellationToken);

    /// <summary>Gives the session to a team member (claiming is assigning to oneself); replaces an earlier assignment.</summary>
    public async Task<ReviewResult> AssignAsync(Guid projectId, string sessionId, string assigneeId, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var assignee = await db.Users.AsNoTracking().Where(u => u.Id == assigneeId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (assignee is null)
        {
            return ReviewResult.UnknownAssignee;
        }

        if (await sessions.GetAsync(projectId, sessionId, cancellationToken) is null)
        {
            return ReviewResult.NotFound;
        }

        var claim = await db.Set<TrustReviewClaim>().FirstOrDefaultAsync(c => c.ProjectId == projectId && c.SessionId == sessionId, cancellationToken);
        var before = claim?.AssigneeName;
        if (claim is null)
        {
            claim = new TrustReviewClaim { ProjectId = projectId, SessionId = sessionId, AssigneeId = assigneeId, AssigneeName = assignee, AssignedBy = actor.Name };
            db.Add(claim);
        }

        (claim.AssigneeId, claim.AssigneeName, claim.AssignedBy, claim.AssignedAt) = (assigneeId, assignee, actor.Name, time.GetUtcNow().UtcDateTime);
        var detail = actor.UserId == assigneeId ? "claimed" : $"assigned to {assignee}";
        audit.Record(actor, AuditActions.TrustReviewAssigned, sessionId, projectId, before is null ? detail : $"{detail} (was {before})");
        await db.SaveChangesAsync(cancellationToken);
        return ReviewResult.Done;
    }

    /// <summary>Puts the session back in the queue unassigned.</summary>
    public async Task<ReviewResult> ReleaseAsync(Guid projectId, string sessionId, AuditActor actor, CancellationToken cancellationToken)
    {
        var claim = await db.Set<TrustReviewClaim>().FirstOrDefaultAsync(c => c.ProjectId == projectId && c.SessionId == sessionId, cancellationToken);
        if (claim is null)
        {
            return ReviewResult.NotFound;
        }

        db.Remove(claim);
        audit.Record(actor, AuditActions.TrustReviewReleased, sessionId, projectId, $"was {claim.AssigneeName}");
        await db.SaveChangesAsync(cancellationToken);
        return ReviewResult.Done;
    }

    /// <summary>
    /// The reviewer's decision (ALLOW or BLOCK, with a note): stored in the live session and its summary, audited twice
    /// (verdict audit, portal audit log), announced on the live feed.
    /// </summary>
    public async Task<ReviewResult> OverrideAsync(Guid projectId, string sessionId, TrustAction action, string? note, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (action is not (TrustAction.Allow or TrustAction.Block))
        {
            return ReviewResult.InvalidAction;
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return ReviewResult.NoteRequired;
        }

        if (!await sessions.OverrideAsync(projectId, sessionId, action, actor.Name, note.Trim(), cancellationToken))
        {
            return ReviewResult.NotFound;
        }

        audit.Record(actor, AuditActions.TrustSessionOverridden, sessionId, projectId, $"{action.ToString().ToUpperInvariant()}: {Shorten(note.Trim())}");
        await db.SaveChangesAsync(cancellationToken);
        if (await sessions.GetAsync(projectId, sessionId, cancellationToken) is { } view)
        {
            feed.Publish(new SessionChange(projectId, sessionId, view.EffectiveAction, view.Score, view.EventsSeen, view.UserHash, view.FirstSeen, view.LastSeen, Overridden: true));
        }

        return ReviewResult.Done;
    }

    /// <summary>Sessions per project blocked since <paramref name="since"/>, live or finished, each once (see <see cref="BlockedSessionCounts"/>).</summary>
    public Task<Dictionary<Guid, int>> BlockedSinceAsync(DateTime since, CancellationToken cancellationToken) =>
        db.BlockedSinceAsync(live, since, cancellationToken);

    /// <summary>Team members who may review (every portal user), for the assign menu.</summary>
    public async Task<List<(string Id, string Email)>> ReviewersAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.UserName }).ToListAsync(cancellationToken);
        return users.Select(u => (u.Id, u.Email ?? u.UserName ?? u.Id)).ToList();
    }

    private static string Shorten(string note) => note.Length > 200 ? note[..200] + "…" : note;
}
