using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Live;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Jobs;

/// <summary>
/// Finishes sessions that had no batch for <see cref="TrustOptions.IdleTimeout"/>: writes their summary (final
/// verdict, reasons, model versions, stroke profile and typing samples for learning, and for flagged sessions the raw
/// sample for the review replay) and a verdict audit row to the app database, and adds their fingerprints to the
/// shared replay catalog. Each session is claimed atomically, so with several hosts exactly one finishes it; a
/// session that gets another batch later is finished again (its summary updated).
/// </summary>
public sealed partial class TrustFinalizationJob(ITrustSessionStore store, IServiceScopeFactory scopes, IOptions<TrustOptions> options, TimeProvider time, ILogger<TrustFinalizationJob> logger)
{
    public const string RecurringId = "trust-finalize";
    private const int BatchSize = 200;

    /// <returns>How many sessions were finished.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var idle = await store.IdleSessionsAsync(time.GetUtcNow().UtcDateTime - options.Value.IdleTimeout, BatchSize, cancellationToken);
            var claimed = 0;
            foreach (var (key, lastSeen) in idle)
            {
                if (!await store.ClaimIdleAsync(key, lastSeen, cancellationToken))
                {
                    continue;
                }

                claimed++;
                if (await store.ReadAsync(key, cancellationToken) is { } session)
                {
                    await FinishAsync(key, session, cancellationToken);
                    finished++;
                }
            }

            if (idle.Count < BatchSize || claimed == 0)
            {
                break;
            }
        }

        if (finished > 0)
        {
            LogFinished(logger, finished);
        }

        return finished;
    }

    private async Task FinishAsync(TrustSessionKey key, StoredSession session, CancellationToken cancellationToken)
    {
        var state = TrustScoringService.Restore(session);
        state.Mouse.EndStroke();
        var meta = session.Meta;
        meta.Typing.Close();
        await store.AddFingerprintAsync(TrustEngine.Fingerprint(state, key.Qualified), cancellationToken);
        byte[]? raw = null;
        if (meta.EffectiveAction != TrustAction.Allow)
        {
            raw = (await store.RawSampleAsync(key, cancellationToken)).SelectMany(c => c).ToArray();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var summary = await db.Set<TrustSessionSummary>().FirstOrDefaultAsync(s => s.ProjectId == key.ProjectId && s.SessionId == key.SessionId, cancellationToken);
        if (summary is null)
        {
            summary = new TrustSessionSummary { Id = Guid.NewGuid(), ProjectId = key.ProjectId, SessionId = key.SessionId };
            db.Add(summary);
        }

        var profile = new System.Buffers.ArrayBufferWriter<byte>(128);
        state.Mouse.Profile.Write(new Domain.Binary.LittleEndianWriter(profile));
        summary.UserHash = meta.UserHash;
        summary.FirstSeen = meta.FirstSeen;
        summary.LastSeen = meta.LastSeen;
        summary.FinalizedAt = now;
        summary.EventsSeen = meta.EventsSeen;
        summary.Rejected = meta.Rejected;
        summary.Score = meta.Score;
        summary.Action = meta.Action;
        summary.Reasons = JsonSerializer.Serialize(meta.Reasons, TrustJson.Default.ListSessionReason);
        summary.ModelVersions = meta.ModelVersions.Length > TrustSessionSummary.ModelVersionsMaxLength ? meta.ModelVersions[..TrustSessionSummary.ModelVersionsMaxLength] : meta.ModelVersions;
        summary.ProfileVersion = meta.ProfileVersion;
        summary.ScoreHistory = JsonSerializer.Serialize(meta.History, TrustJson.Default.ListScorePoint);
        if (meta.Override is { } change)
        {
            (summary.OverrideAction, summary.OverrideBy, summary.OverrideNote, summary.OverrideAt) = (change.Action, change.By, change.Note, change.At);
        }

        if (meta.Outcome is { } outcome)
        {
            (summary.Outcome, summary.OutcomeNote, summary.OutcomeAt) = ((int)outcome.Outcome, outcome.Note, outcome.At);
        }

        summary.MouseProfile = profile.WrittenSpan.ToArray();
        summary.KeystrokeSamples = JsonSerializer.Serialize(meta.Typing.Completed.Select(s => new KeystrokeProfile { Field = s.Field, Samples = [s.Features] }).ToList(), TrustJson.Default.ListKeystrokeProfile);
        summary.RawSample = raw;
        summary.LearnedAt = null;
        db.Add(new TrustVerdictAudit
        {
            Id = Guid.NewGuid(),
            ProjectId = key.ProjectId,
            SessionId = key.SessionId,
            At = now,
            Kind = TrustVerdictAudit.FinalVerdict,
            Action = meta.Action,
            Score = meta.Score,
            Actor = "engine " + meta.ModelVersions,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Finished {Count} idle trust sessions.")]
    private static partial void LogFinished(ILogger logger, int count);
}
