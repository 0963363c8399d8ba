using System.ComponentModel.DataAnnotations;

namespace Sentinel.Infrastructure.Keys;

/// <summary>
/// How hosts check and track project keys. Section <c>Keys</c>. Before ADR 020 these lived under <c>Ingest</c> as
/// <c>KeyCacheLifetime</c>, <c>FailedKeyAttemptsPerMinute</c> and <c>KeyUsageFlushInterval</c>; those names still
/// work (<see cref="KeysRegistration"/>), and a value under <c>Keys</c> wins.
/// </summary>
public sealed class KeyOptions : IValidatableObject
{
    public const string Section = "Keys";

    /// <summary>How long a host trusts its cached copy of a key; the bound on how long a revoked key still works.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Failed key attempts per client address and minute on one host; past it, keys the host has not cached get 429.
    /// Behind a proxy, configure ForwardedHeaders' known proxies, or the address is whatever the client claims.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int FailedAttemptsPerMinute { get; set; } = 30;

    /// <summary>How often the recorded last-used times are written to the database (recurring job, whole minutes).</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CacheLifetime < TimeSpan.Zero || CacheLifetime > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult($"{Section}:{nameof(CacheLifetime)} must be between 0 and 10 minutes (it bounds how long a revoked key still works).", [nameof(CacheLifetime)]);
        }

        if (UsageFlushInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:{nameof(UsageFlushInterval)} must be positive.", [nameof(UsageFlushInterval)]);
        }
    }
}
