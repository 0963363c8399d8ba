namespace Sentinel.Domain.Trust.Records;

/// <summary>
/// What Sentinel learned about one user of a project (known only by the salted hash of the customer's user id):
/// the mouse baseline (merged stroke profiles of good sessions) and the typing samples per marked field. The
/// version grows with every learning step, and sessions record the version they were judged against.
/// </summary>
public sealed class TrustUserProfile
{
    public const int UserHashLength = 64;

    public Guid Id { get; init; }

    public Guid ProjectId { get; init; }

    public required string UserHash { get; init; }

    public int Version { get; set; }

    /// <summary>MouseProfile bytes; null until a session with strokes was learned from.</summary>
    public byte[]? MouseBaseline { get; set; }

    /// <summary>JSON list of keystroke profiles (field, recent samples).</summary>
    public string KeystrokeProfiles { get; set; } = "[]";

    public int SessionsLearned { get; set; }

    public DateTime UpdatedAt { get; set; }
}
