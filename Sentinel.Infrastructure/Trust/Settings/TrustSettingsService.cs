using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Records;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>
/// A project's trust settings: read on every trust request through a cache of a few seconds (a changed origin list
/// reaches every host within <see cref="CacheLifetime"/>), changed by the command line or the portal, audited.
/// </summary>
public sealed class TrustSettingsService(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private const string AllOriginsKey = "trust:origins:all";

    /// <summary>The project's settings, created with a fresh salt and no origins on first use.</summary>
    public async Task<ProjectTrust> GetAsync(Guid projectId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync("trust:project:" + projectId.ToString("N"), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
            var settings = await FindOrCreateAsync(db, projectId, cancellationToken);
            return new ProjectTrust(settings.Origins.ToHashSet(StringComparer.Ordinal), settings.UserSalt, settings.Policy());
        }))!;

    /// <summary>Every origin any project allows: the answer to a preflight that does not say which key it is for.</summary>
    public async Task<IReadOnlySet<string>> AllOriginsAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(AllOriginsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
            var lists = await db.Set<TrustProjectSettings>().AsNoTracking().Select(s => s.AllowedOrigins).ToListAsync(cancellationToken);
            IReadOnlySet<string> all = lists.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            return all;
        }))!;

    /// <summary>Replaces the project's allowed origins; throws <see cref="ArgumentException"/> naming a value that is not an origin.</summary>
    public async Task<IReadOnlyList<string>> SetOriginsAsync(Guid projectId, IEnumerable<string> origins, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var normalized = new List<string>();
        foreach (var origin in origins)
        {
            var value = TrustOrigins.Normalize(origin) ?? throw new ArgumentException($"'{origin}' is not an origin like https://shop.example or http://localhost:3000.", nameof(origins));
            if (!normalized.Contains(value))
            {
                normalized.Add(value);
            }
        }

        var joined = string.Join(' ', normalized);
        if (joined.Length > TrustProjectSettings.OriginsMaxLength)
        {
            throw new ArgumentException($"The origins take more than {TrustProjectSettings.OriginsMaxLength} characters.", nameof(origins));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var name = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"There is no project {projectId}.", nameof(projectId));
        var settings = await FindOrCreateAsync(db, projectId, cancellationToken);
        settings.AllowedOrigins = joined;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        // The subject is the project's name, like the other project entries of the audit log (it was the id before).
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(actor, AuditActions.TrustOriginsSet, name, projectId, joined);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove("trust:project:" + projectId.ToString("N"));
        cache.Remove(AllOriginsKey);
        return normalized;
    }

    /// <summary>
    /// Sets the project's own thresholds, or returns it to the default (<paramref name="policy"/> null). Every host
    /// scores with it within <see cref="CacheLifetime"/>.
    /// </summary>
    /// <exception cref="TrustPolicyException">The thresholds are not usable; it lists each problem with its field.</exception>
    public async Task SetPolicyAsync(Guid projectId, TrustPolicy? policy, AuditActor actor, CancellationToken cancellationToken)
    {
        if (policy?.Problems() is { Count: > 0 } problems)
        {
            throw new TrustPolicyException(problems);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var name = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"There is no project {projectId}.", nameof(projectId));
        var settings = await FindOrCreateAsync(db, projectId, cancellationToken);
        var before = settings.Policy();
        settings.SetPolicy(policy);
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var after = settings.Policy();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(actor, AuditActions.TrustPolicyChanged, name, projectId, $"from=[{Describe(before)}] to=[{Describe(after)}]{(policy is null ? " (default)" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove("trust:project:" + projectId.ToString("N"));
    }

    /// <summary>The stored settings (origins, policy) as the portal shows them; created on first use like <see cref="GetAsync"/>.</summary>
    public async Task<TrustProjectSettings> ReadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
        var settings = await FindOrCreateAsync(db, projectId, cancellationToken);
        db.Entry(settings).State = EntityState.Detached;
        return settings;
    }

    private static string Describe(TrustPolicy policy) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"allow>={policy.AllowAtOrAbove} block<{policy.BlockBelow} min_observations={policy.MinimumObservations} too_little={policy.WithTooLittleEvidence}");

    private async Task<TrustProjectSettings> FindOrCreateAsync(SentinelDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var settings = await db.Set<TrustProjectSettings>().FirstOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken);
        if (settings is not null)
        {
            return settings;
        }

        settings = new TrustProjectSettings { ProjectId = projectId, UserSalt = RandomNumberGenerator.GetBytes(TrustProjectSettings.SaltLength), UpdatedAt = time.GetUtcNow().UtcDateTime };
        db.Add(settings);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return settings;
        }
        catch (DbUpdateException)
        {
            // Another host created it at the same moment: use theirs, so every host hashes user ids alike.
            db.Entry(settings).State = EntityState.Detached;
            return await db.Set<TrustProjectSettings>().FirstAsync(s => s.ProjectId == projectId, cancellationToken);
        }
    }
}
