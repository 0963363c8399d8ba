namespace Sentinel.Domain.Trust.Records;

/// <summary>A project's trust settings: the browser origins allowed to post behaviour, and the salt of user-id hashes.</summary>
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
}
