using Microsoft.Extensions.Options;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Live;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Session;
using Sentinel.Domain.Trust.Statistics;
using Sentinel.Domain.Trust.Wire;
using Sentinel.Infrastructure.Trust.Live;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Infrastructure.Trust.Storage;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>
/// Scores one batch of a live session: read the state, apply the batch, judge, write back if nobody wrote in
/// between (else redo on the fresh state). What the page gets is only the action; the reasons stay in the state.
/// The project's own policy (cached a few seconds by <see cref="TrustSettingsService"/>) maps the score to the action.
/// </summary>
public sealed class TrustScoringService(ITrustSessionStore store, TrustProfileLoader profiles, TrustSettingsService settings, ITrustSessionFeed feed, IOptions<TrustOptions> options, TimeProvider time)
{
    /// <summary>Attempts before giving up on a session that other hosts keep writing; the caller then answers CHALLENGE.</summary>
    public const int MaxAttempts = 16;

    /// <summary>
    /// Batches of one session scored on this host take turns (a lock per stripe of sessions), so optimistic writes
    /// only ever race other hosts: 40 batches of one session posted at once on a busy host otherwise redo each
    /// other's work until some run out of attempts. Stripes bound the memory; two sessions sharing one only wait.
    /// </summary>
    private const int SessionStripes = 1024;

    private readonly SemaphoreSlim[] _sessionTurns = [.. Enumerable.Range(0, SessionStripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <returns>The session's action, or null when it is a new session over its key's rate.</returns>
    public async Task<TrustAction?> ScoreAsync(Guid projectId, string rateKey, TrustBatch batch, string? userHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = new TrustSessionKey(projectId, batch.SessionId!);
        var policy = (await settings.GetAsync(projectId, cancellationToken)).Policy;
        var turn = _sessionTurns[(uint)StringComparer.Ordinal.GetHashCode(key.Qualified) % SessionStripes];
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await ScoreInTurnAsync(key, policy, rateKey, batch, userHash, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<TrustAction?> ScoreInTurnAsync(TrustSessionKey key, TrustPolicy policy, string rateKey, TrustBatch batch, string? userHash, CancellationToken cancellationToken)
    {
        var projectId = key.ProjectId;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(key, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var state = Restore(stored);
            var meta = stored?.Meta ?? new SessionMeta { FirstSeen = now };
            if (userHash is not null && meta.UserHash is null)
            {
                meta.UserHash = userHash;
                await profiles.LoadIntoAsync(projectId, userHash, meta, cancellationToken);
            }

            state.Apply(batch.Events);
            Type(meta, batch);
            var catalog = await ReplayCatalogAsync(state, cancellationToken);
            var verdict = LiveVerdict.Evaluate(state, new TrustContext(policy, key.Qualified, catalog, MouseBaseline(meta)), meta.Keystroke?.ToEvidence());
            meta.Record(verdict);
            meta.LastSeen = now;
            ScoreHistory.Add(meta.History, ScorePoint.Of(now, verdict.Score, verdict.Action));
            meta.EventsSeen += batch.Events.Length;
            meta.Rejected += batch.Rejected;
            // Raw events are kept only while the session is flagged: the review replay is for sessions that were not
            // allowed, and a person's session then costs Redis a few KB instead of tens.
            var raw = options.Value.RawSampleBatches > 0 && meta.EffectiveAction != TrustAction.Allow ? RawSample.Encode(batch.Events) : null;
            switch (await store.TryWriteAsync(key, stored?.Version ?? 0, state.Serialize(), meta, raw, rateKey, cancellationToken))
            {
                case WriteResult.Written:
                    Announce(key, meta);
                    return meta.EffectiveAction;
                case WriteResult.TooManyNewSessions:
                    return null;
                default:
                    // Another host wrote this session in between: back off a little (more with each try) and redo.
                    await Task.Delay(Random.Shared.Next(0, 2 << Math.Min(attempt, 5)), cancellationToken);
                    break;
            }
        }

        throw new TrustStateUnavailableException($"Session {key.SessionId} kept changing for {MaxAttempts} attempts.");
    }

    /// <summary>After the write, and best effort: the live feed never fails nor delays a verdict (ADR 026).</summary>
    private void Announce(TrustSessionKey key, SessionMeta meta)
    {
        try
        {
            feed.Publish(SessionChange.From(key, meta));
        }
#pragma warning disable CA1031 // Feeds promise not to throw; this keeps the promise for one that breaks it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The session's state; a damaged state or one of an older format starts afresh rather than failing the batch.</summary>
    public static SessionState Restore(StoredSession? stored)
    {
        if (stored is null)
        {
            return new SessionState();
        }

        try
        {
            return SessionState.Deserialize(stored.State);
        }
        catch (FormatException)
        {
            return new SessionState();
        }
    }

    public static MouseProfile? MouseBaseline(SessionMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (meta.MouseBaseline is null)
        {
            return null;
        }

        try
        {
            var profile = new MouseProfile();
            var reader = new StateReader(meta.MouseBaseline);
            profile.Read(ref reader);
            return profile;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Feeds the marked fields' typing; a finished phrase is judged against the user's profile for that field.</summary>
    private static void Type(SessionMeta meta, TrustBatch batch)
    {
        for (var i = 0; i < batch.Events.Length; i++)
        {
            meta.Typing.Add(batch.Events[i], batch.Fields[i]);
        }

        foreach (var sample in meta.Typing.TakeNew())
        {
            if (meta.KeystrokeProfiles.Find(p => p.Field == sample.Field)?.Judge(sample.Features) is { } evidence)
            {
                meta.Keystroke = SessionReason.From(evidence);
            }
        }
    }

    /// <summary>Candidates from the shared catalog, asked only once the session has enough input to be compared.</summary>
    private async Task<IReplayCatalog?> ReplayCatalogAsync(SessionState state, CancellationToken cancellationToken)
    {
        MinHashSketch? trajectories = state.Mouse.JudgedStrokes >= PatternModel.MinimumStrokesForReplay ? state.Mouse.Trajectories : null;
        MinHashSketch? rhythm = state.Keys.Rhythm.Tokens >= PatternModel.MinimumRhythmTokens ? state.Keys.Rhythm : null;
        return trajectories is null && rhythm is null ? null : await store.ReplayCandidatesAsync(trajectories, rhythm, cancellationToken);
    }
}
