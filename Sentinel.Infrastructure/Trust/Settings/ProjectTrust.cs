using System.Security.Cryptography;
using System.Text;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>What the trust endpoints need of a project on every request: its allowed origins, its user-id salt and its policy.</summary>
public sealed class ProjectTrust(IReadOnlySet<string> origins, byte[] userSalt, TrustPolicy? policy = null)
{
    public IReadOnlySet<string> Origins { get; } = origins;

    /// <summary>The thresholds its sessions are judged by (the default unless the project chose its own).</summary>
    public TrustPolicy Policy { get; } = policy ?? TrustPolicy.Default;

    public bool Allows(string origin) => TrustOrigins.Normalize(origin) is { } normalized && Origins.Contains(normalized);

    /// <summary>The customer's user id as stored: HMAC-SHA256 with the project's salt, hex. The id itself is never kept.</summary>
    public string HashUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(userSalt, Encoding.UTF8.GetBytes(userId)));
    }
}
