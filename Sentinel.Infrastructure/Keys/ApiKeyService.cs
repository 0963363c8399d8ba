using Microsoft.EntityFrameworkCore;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Keys;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Infrastructure.Keys;

/// <summary>Issues, lists, revokes and rotates project keys; every change is audited.</summary>
public sealed class ApiKeyService(SentinelDbContext db, AuditLog audit, TimeProvider time, ApiKeyAuthenticator authenticator)
{
    /// <summary>How long a rotated key keeps working when the caller does not say.</summary>
    public static readonly TimeSpan DefaultRotationOverlap = TimeSpan.FromHours(24);

    public Task<List<ApiKey>> ListAsync(Guid projectId, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().Where(k => k.ProjectId == projectId).OrderBy(k => k.Kind).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Creates a key; the returned token is the only time its secret exists outside the caller.</summary>
    public async Task<IssuedApiKey> CreateAsync(Guid projectId, ApiKeyKind kind, string name, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > ApiKey.NameMaxLength)
        {
            throw new ArgumentException($"A key name has at most {ApiKey.NameMaxLength} characters.", nameof(name));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown key kind.");
        }

        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new KeyNotFoundException($"Project {projectId} does not exist.");
        var issued = NewKey(projectId, kind, name);
        db.ApiKeys.Add(issued.Key);
        audit.Record(actor, AuditActions.KeyCreated, $"{project.Name}: {name}", projectId, $"kind={kind} prefix={issued.Key.Prefix}");
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>Stops the key at once (every host within the authentication cache's lifetime). False if it does not exist.</summary>
    public async Task<bool> RevokeAsync(Guid keyId, AuditActor actor, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Record(actor, AuditActions.KeyRevoked, key.Name, key.ProjectId, $"prefix={key.Prefix}");
            await db.SaveChangesAsync(cancellationToken);
            authenticator.Forget(key.Prefix);
        }

        return true;
    }

    /// <summary>
    /// Issues a replacement of the same kind and lets the old key work for <paramref name="overlap"/> more, so clients
    /// can be redeployed with the new key without a gap. A zero overlap ends the old key now.
    /// </summary>
    public async Task<IssuedApiKey> RotateAsync(Guid keyId, TimeSpan overlap, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, TimeSpan.Zero);
        var now = time.GetUtcNow().UtcDateTime;
        var old = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken)
            ?? throw new KeyNotFoundException($"Key {keyId} does not exist.");
        if (!old.IsUsableAt(now))
        {
            throw new InvalidOperationException("A revoked or expired key cannot be rotated; create a new key instead.");
        }

        var replacement = NewKey(old.ProjectId, old.Kind, old.Name);
        var oldEnd = now + overlap;
        old.ExpiresAt = old.ExpiresAt is { } existing && existing < oldEnd ? existing : oldEnd;
        db.ApiKeys.Add(replacement.Key);
        audit.Record(actor, AuditActions.KeyRotated, old.Name, old.ProjectId, $"old={old.Prefix} new={replacement.Key.Prefix} old_expires={old.ExpiresAt:O}");
        await db.SaveChangesAsync(cancellationToken);
        authenticator.Forget(old.Prefix);
        return replacement;
    }

    private IssuedApiKey NewKey(Guid projectId, ApiKeyKind kind, string name)
    {
        var (token, prefix) = ApiKeyToken.Generate(kind);
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            Kind = kind,
            Name = name,
            Prefix = prefix,
            Hash = ApiKeyToken.Hash(token),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        return new IssuedApiKey(key, token);
    }
}
