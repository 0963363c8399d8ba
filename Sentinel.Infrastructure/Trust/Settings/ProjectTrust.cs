using System.Security.Cryptography;
using System.Text;

namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>What the trust endpoints need of a project on every request: its allowed origins and its user-id salt.</summary>
public sealed class ProjectTrust(IReadOnlySet<string> origins, byte[] userSalt)
{
    public IReadOnlySet<string> Origins { get; } = origins;

    public bool Allows(string origin) => TrustOrigins.Normalize(origin) is { } normalized && Origins.Contains(normalized);

    /// <summary>The customer's user id as stored: HMAC-SHA256 with the project's salt, hex. The id itself is never kept.</summary>
    public string HashUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(userSalt, Encoding.UTF8.GetBytes(userId)));
    }
}
