using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Domain.Trust.Records;

/// <summary>
/// A project's trust settings: the browser origins allowed to post behaviour, the salt of user-id hashes, and the
/// project's own thresholds. The four policy columns are all set or all null; null follows
/// <see cref="TrustPolicy.Default"/>, so a project that never chose keeps the shipped (calibrated) values when they change.
/// </summary>
public sealed class TrustProjectSettings
{
    public const int OriginsMaxLength = 4000;
    public const int SaltLength = 32;

    public Guid ProjectId { get; init; }

    /// <summary>Origins (<c>https://shop.example</c>) separated by spaces.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Random per project, so the same customer user id hashes differently in two projects.</summary>
    public required byte[] UserSalt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public double? AllowAtOrAbove { get; set; }

    public double? BlockBelow { get; set; }

    public int? MinimumObservations { get; set; }

    public TrustAction? WithTooLittleEvidence { get; set; }

    /// <summary>True when the project chose its own thresholds.</summary>
    public bool HasOwnPolicy => AllowAtOrAbove is not null;

    /// <summary>
    /// The project's policy. Only the four thresholds a person can reason about are per project; the block rule
    /// (independent tests, agreeing contribution) stays the calibrated default of ADR 013.
    /// </summary>
    public TrustPolicy Policy() => HasOwnPolicy
        ? TrustPolicy.Default with
        {
            AllowAtOrAbove = AllowAtOrAbove!.Value,
            BlockBelow = BlockBelow ?? TrustPolicy.Default.BlockBelow,
            MinimumObservations = MinimumObservations ?? TrustPolicy.Default.MinimumObservations,
            WithTooLittleEvidence = WithTooLittleEvidence ?? TrustPolicy.Default.WithTooLittleEvidence,
        }
        : TrustPolicy.Default;

    /// <summary>Stores <paramref name="policy"/>'s thresholds, or clears them (back to the default) when null.</summary>
    public void SetPolicy(TrustPolicy? policy)
    {
        AllowAtOrAbove = policy?.AllowAtOrAbove;
        BlockBelow = policy?.BlockBelow;
        MinimumObservations = policy?.MinimumObservations;
        WithTooLittleEvidence = policy?.WithTooLittleEvidence;
    }
}
