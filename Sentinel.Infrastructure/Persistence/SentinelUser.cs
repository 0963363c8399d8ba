using Microsoft.AspNetCore.Identity;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>A person who signs in to the portal (an Admin or a Support member).</summary>
public sealed class SentinelUser : IdentityUser
{
    /// <summary>Set when an admin (or the command line) issued a one-time password: the next sign-in must replace it.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The portal's dark theme, remembered per person rather than per browser.</summary>
    public bool PrefersDarkMode { get; set; }
}
