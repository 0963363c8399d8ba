using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// Checks a presented token. The stored key (or its absence) is cached per prefix for a few seconds, so a busy SDK
/// costs one database read per host per cache lifetime, and a revocation reaches every host when its entry expires:
/// the lifetime is the bound on how long a revoked key still works (ADR 010), and on how long a project that was just
/// archived still ingests.
/// </summary>
public sealed class ApiKeyAuthenticator(IServiceScopeFactory scopes, IMemoryCache cache, ApiKeyUsage usage, TimeProvider time, IOptions<KeyOptions> options)
{
    /// <summary>Whether checking <paramref name="token"/> would be answered from this host's cache, without a database read.</summary>
    public bool IsCached(string? token) => ApiKeyToken.TryParse(token, out _, out var prefix) && cache.TryGetValue(CacheKey(prefix), out _);

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.TryParse(token, out _, out var prefix))
        {
            return null;
        }

        var key = await cache.GetOrCreateAsync(
            CacheKey(prefix),
            async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = options.Value.CacheLifetime;
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SentinelDbContext>();
                return await db.ApiKeys.AsNoTracking()
                    .Where(k => k.Prefix == prefix)
                    .Select(k => new StoredKey(k, db.Projects.Any(p => p.Id == k.ProjectId && p.ArchivedAt != null)))
                    .FirstOrDefaultAsync(cancellationToken);
            });

        var now = time.GetUtcNow().UtcDateTime;
        if (key is null || !ApiKeyToken.Matches(token!, key.Key.Hash) || !key.Key.IsUsableAt(now))
        {
            return null;
        }

        if (!key.ProjectArchived)
        {
            usage.Record(key.Key.Id, now);
        }

        return new ApiKeyIdentity(key.Key.Id, key.Key.ProjectId, key.Key.Kind, key.ProjectArchived);
    }

    private sealed record StoredKey(ApiKey Key, bool ProjectArchived);

    /// <summary>
    /// Drops this host's cached copy of a key, so a revocation made here takes effect here at once; other hosts
    /// still follow within <see cref="KeyOptions.CacheLifetime"/>.
    /// </summary>
    public void Forget(string prefix) => cache.Remove(CacheKey(prefix));

    private static string CacheKey(string prefix) => "apikey:" + prefix;
}
