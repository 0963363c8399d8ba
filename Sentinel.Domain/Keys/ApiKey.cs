namespace Sentinel.Domain.Keys;

/// <summary>
/// A project's key as stored: never the key itself, only its public lookup prefix and a SHA-256 hash of the whole
/// token. Times are UTC.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; }

    public Guid ProjectId { get; init; }

    public ApiKeyKind Kind { get; init; }

    /// <summary>A label for people ("production web", "rotated 2026-11").</summary>
    public required string Name { get; set; }

    /// <summary>The public part of the token that finds the row; see <see cref="ApiKeyToken"/>.</summary>
    public required string Prefix { get; init; }

    public required byte[] Hash { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>Set when the key is rotated: it keeps working until then so clients can switch over.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Recorded from memory every minute or so, not on every request.</summary>
    public DateTime? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || utcNow < ExpiresAt);
}
