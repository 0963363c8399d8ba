using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Review;

/// <summary>
/// Sessions for the customer's backend and the review portal: read one with its evidence, list recent ones, replay a
/// flagged one's raw sample, override a verdict with a note, record the customer's outcome. A live session is read
/// from and updated in the hot store; a finished one in the app database; both are audited.
/// </summary>
public sealed class TrustSessionsService(ITrustSessionStore store, IServiceScopeFactory scopes, TimeProvider time)
{
    public const int MaxNoteLength = TrustSessionSummary.NoteMaxLength;

    /// <summary>The session, live or finished; null when neither store knows it. Throws <see cref="TrustStateUnavailableException"/> when the hot store is down.</summary>
    public async Task<TrustSessionView?> GetAsync(Guid projectId, string sessionId, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(new TrustSessionKey(projectId, sessionId), cancellationToken) is { } live)
        {
            var m = live.Meta;
            return LiveView(sessionId, live.Meta);
        }

        await using var scope = scopes.CreateAsyncScope();
        var summary = await Summaries(scope).AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId && s.SessionId == sessionId, cancellationToken);
        return summary is null ? null : View(summary);
    }

    /// <summary>
    /// Sessions with a batch since <paramref name="since"/>, newest first, at most <paramref name="take"/>: the live ones
    /// from the hot store and the finished ones from the app database (a session in both shows its live state).
    /// </summary>
    public async Task<IReadOnlyList<(Guid ProjectId, TrustSessionView View)>> ListSinceAsync(DateTime since, IReadOnlyCollection<Guid>? projectIds, int take, CancellationToken cancellationToken)
    {
        take = Math.Clamp(take, 1, 1000);
        var live = await store.RecentSessionsAsync(since, take * 2, cancellationToken);
        var rows = live.Where(l => projectIds is null || projectIds.Contains(l.Key.ProjectId))
            .Select(l => (l.Key.ProjectId, View: LiveView(l.Key.SessionId, l.Meta)))
            .ToList();
        await using var scope = scopes.CreateAsyncScope();
        var query = Summaries(scope).AsNoTracking().Where(s => s.LastSeen >= since);
        if (projectIds is not null)
        {
            query = query.Where(s => projectIds.Contains(s.ProjectId));
        }

        var finished = await query.OrderByDescending(s => s.LastSeen).Take(take).ToListAsync(cancellationToken);
        var seen = rows.Select(r => (r.ProjectId, r.View.SessionId)).ToHashSet();
        rows.AddRange(finished.Where(f => !seen.Contains((f.ProjectId, f.SessionId))).Select(f => (f.ProjectId, View(f))));
        return rows.OrderByDescending(r => r.View.LastSeen).Take(take).ToList();
    }

    /// <summary>The user's other finished sessions in the project, newest first.</summary>
    public async Task<IReadOnlyList<TrustSessionView>> UserHistoryAsync(Guid projectId, string userHash, string exceptSessionId, int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var summaries = await Summaries(scope).AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.UserHash == userHash && s.SessionId != exceptSessionId)
            .OrderByDescending(s => s.LastSeen).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return summaries.Select(View).ToList();
    }

    /// <summary>The project's most recently finished sessions, newest first (live ones are in the hot store until they finish).</summary>
    public async Task<IReadOnlyList<TrustSessionView>> ListRecentAsync(Guid projectId, int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var summaries = await Summaries(scope).AsNoTracking().Where(s => s.ProjectId == projectId)
            .OrderByDescending(s => s.LastSeen).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return summaries.Select(View).ToList();
    }

    /// <summary>The raw movement and key timings kept for the review replay (flagged finished sessions, or a live session's recent batches).</summary>
    public async Task<IReadOnlyList<BehaviorEvent>> RawSampleAsync(Guid projectId, string sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stored = await Summaries(scope).AsNoTracking().Where(s => s.ProjectId == projectId && s.SessionId == sessionId)
            .Select(s => s.RawSample).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return RawSample.Decode(stored);
        }

        var chunks = await store.RawSampleAsync(new TrustSessionKey(projectId, sessionId), cancellationToken);
        return chunks.SelectMany(c => RawSample.Decode(c)).ToList();
    }

    /// <summary>A reviewer replaces the verdict; false when the session is unknown.</summary>
    public Task<bool> OverrideAsync(Guid projectId, string sessionId, TrustAction action, string by, string? note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var now = time.GetUtcNow().UtcDateTime;
        var change = new SessionOverride(by, action, Trim(note), now);
        return ChangeAsync(
            projectId,
            sessionId,
            meta => meta.Override = change,
            summary =>
            {
                summary.OverrideAction = action;
                summary.OverrideBy = by;
                summary.OverrideNote = change.Note;
                summary.OverrideAt = now;
            },
            new TrustVerdictAudit { Id = Guid.NewGuid(), ProjectId = projectId, SessionId = sessionId, At = now, Kind = TrustVerdictAudit.ReviewOverride, Action = action, Actor = by, Note = change.Note },
            cancellationToken);
    }

    /// <summary>The customer's backend reports what happened; it labels the session for baseline learning. False when unknown.</summary>
    public Task<bool> ReportOutcomeAsync(Guid projectId, string sessionId, OutcomeKind outcome, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var report = new SessionOutcome(outcome, Trim(note), now);
        return ChangeAsync(
            projectId,
            sessionId,
            meta => meta.Outcome = report,
            summary =>
            {
                summary.Outcome = (int)outcome;
                summary.OutcomeNote = report.Note;
                summary.OutcomeAt = now;
            },
            new TrustVerdictAudit { Id = Guid.NewGuid(), ProjectId = projectId, SessionId = sessionId, At = now, Kind = TrustVerdictAudit.OutcomeReport, Actor = "customer backend", Note = $"{outcome}: {report.Note}" },
            cancellationToken);
    }

    /// <summary>Applies a change to the live session (compare-and-set) and to its finished summary, whichever exist, and audits it.</summary>
    private async Task<bool> ChangeAsync(Guid projectId, string sessionId, Action<SessionMeta> live, Action<TrustSessionSummary> finished, TrustVerdictAudit audit, CancellationToken cancellationToken)
    {
        var key = new TrustSessionKey(projectId, sessionId);
        var found = false;
        for (var attempt = 0; attempt < TrustScoringService.MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(key, cancellationToken);
            if (stored is null)
            {
                break;
            }

            live(stored.Meta);
            if (await store.TryWriteAsync(key, stored.Version, stored.State, stored.Meta, null, "", cancellationToken) == WriteResult.Written)
            {
                found = true;
                break;
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        if (await db.Set<TrustSessionSummary>().FirstOrDefaultAsync(s => s.ProjectId == projectId && s.SessionId == sessionId, cancellationToken) is { } summary)
        {
            finished(summary);
            found = true;
        }

        if (found)
        {
            db.Add(audit);
            await db.SaveChangesAsync(cancellationToken);
        }

        return found;
    }

    private static DbSet<TrustSessionSummary> Summaries(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<SentinelDbContext>().Set<TrustSessionSummary>();

    private static string? Trim(string? note) => note is null ? null : note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;

    private static TrustSessionView LiveView(string sessionId, SessionMeta m) =>
        new(sessionId, m.Action, m.Score, m.Reasons, m.EventsSeen, m.Rejected, m.FirstSeen, m.LastSeen, m.ModelVersions, m.Override, m.Outcome, m.UserHash, Live: true) { History = m.History };

    public static TrustSessionView View(TrustSessionSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var reasons = JsonSerializer.Deserialize(s.Reasons, TrustJson.Default.ListSessionReason) ?? [];
        var overridden = s.OverrideAction is { } action ? new SessionOverride(s.OverrideBy ?? "", action, s.OverrideNote, s.OverrideAt ?? s.FinalizedAt) : null;
        var outcome = s.Outcome is { } o ? new SessionOutcome((OutcomeKind)o, s.OutcomeNote, s.OutcomeAt ?? s.FinalizedAt) : null;
        var history = s.ScoreHistory is null ? [] : JsonSerializer.Deserialize(s.ScoreHistory, TrustJson.Default.ListScorePoint) ?? [];
        return new TrustSessionView(s.SessionId, s.Action, s.Score, reasons, s.EventsSeen, s.Rejected, s.FirstSeen, s.LastSeen, s.ModelVersions, overridden, outcome, s.UserHash, Live: false) { History = history };
    }
}
