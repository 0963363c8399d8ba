using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Live;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Records;
using Sentinel.Domain.Trust.Statistics;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Trust.Sessions;

namespace Sentinel.Infrastructure.Trust.Jobs;

/// <summary>
/// Learns users' baselines from their good sessions: those the customer confirmed legitimate, and ALLOWed ones
/// (after any override) with no fraud report once they are <see cref="TrustOptions.LearnAfter"/> old. Each such
/// session's stroke profile is merged into the user's mouse baseline and its marked-field typing samples are added
/// to the user's keystroke profiles; the profile's version grows. A session is claimed (LearnedAt set) before it is
/// learned, so it is learned at most once even with several hosts.
/// </summary>
public sealed class TrustBaselineLearningJob(IServiceScopeFactory scopes, IOptions<TrustOptions> options, TimeProvider time)
{
    public const string RecurringId = "trust-learn";
    private const int BatchSize = 200;
    private const int Legitimate = (int)OutcomeKind.Legitimate;
    private const int Fraud = (int)OutcomeKind.Fraud;

    /// <returns>How many sessions were learned from.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var allowedBefore = now - options.Value.LearnAfter;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var candidates = await db.Set<TrustSessionSummary>()
            .Where(s => s.LearnedAt == null && s.UserHash != null)
            // A reviewer's ALLOW is a person's judgement, like the customer's "legitimate": learned at once. The engine's
            // own ALLOW waits LearnAfter for a fraud report.
            .Where(s => s.Outcome == Legitimate
                || (s.Outcome == null && s.OverrideAction == TrustAction.Allow)
                || (s.Outcome == null && (s.OverrideAction ?? s.Action) == TrustAction.Allow && s.FinalizedAt <= allowedBefore))
            .OrderBy(s => s.FinalizedAt)
            .Select(s => s.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var learned = 0;
        foreach (var id in candidates)
        {
            var claimed = await db.Set<TrustSessionSummary>().Where(s => s.Id == id && s.LearnedAt == null && s.Outcome != Fraud)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LearnedAt, now), cancellationToken);
            if (claimed == 1)
            {
                var summary = await db.Set<TrustSessionSummary>().AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken);
                await LearnAsync(db, summary, now, cancellationToken);
                learned++;
            }
        }

        return learned;
    }

    private static async Task LearnAsync(SentinelDbContext db, TrustSessionSummary session, DateTime now, CancellationToken cancellationToken)
    {
        var profile = await db.Set<TrustUserProfile>().FirstOrDefaultAsync(p => p.ProjectId == session.ProjectId && p.UserHash == session.UserHash, cancellationToken);
        if (profile is null)
        {
            profile = new TrustUserProfile { Id = Guid.NewGuid(), ProjectId = session.ProjectId, UserHash = session.UserHash! };
            db.Add(profile);
        }

        if (session.MouseProfile is { Length: > 0 } strokes)
        {
            var merged = Read(profile.MouseBaseline) ?? new MouseProfile();
            var add = Read(strokes);
            if (add is { Strokes: > 0 })
            {
                merged.Merge(add);
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
                merged.Write(new Domain.Binary.LittleEndianWriter(buffer));
                profile.MouseBaseline = buffer.WrittenSpan.ToArray();
            }
        }

        var typing = JsonSerializer.Deserialize(profile.KeystrokeProfiles, TrustJson.Default.ListKeystrokeProfile) ?? [];
        var samples = session.KeystrokeSamples is null ? [] : JsonSerializer.Deserialize(session.KeystrokeSamples, TrustJson.Default.ListKeystrokeProfile) ?? [];
        foreach (var sample in samples.SelectMany(s => s.Samples.Select(f => (s.Field, Features: f))))
        {
            var field = typing.Find(p => p.Field == sample.Field);
            if (field is null)
            {
                field = new KeystrokeProfile { Field = sample.Field };
                typing.Add(field);
            }

            field.Learn(sample.Features);
        }

        profile.KeystrokeProfiles = JsonSerializer.Serialize(typing, TrustJson.Default.ListKeystrokeProfile);
        profile.Version++;
        profile.SessionsLearned++;
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static MouseProfile? Read(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            var profile = new MouseProfile();
            var reader = new StateReader(bytes);
            profile.Read(ref reader);
            return profile;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
