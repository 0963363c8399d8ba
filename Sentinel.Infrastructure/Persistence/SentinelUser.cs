using Microsoft.AspNetCore.Identity;

namespace Sentinel.Infrastructure.Persistence;

/// <summary>A person who signs in to the portal (an Admin or a Support member).</summary>
public sealed class SentinelUser : IdentityUser
{
}
