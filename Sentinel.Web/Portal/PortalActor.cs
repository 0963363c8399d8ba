using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Web.Portal;

/// <summary>The signed-in portal user as the actor of audited changes.</summary>
internal sealed class PortalActor(UserManager<SentinelUser> users)
{
    public AuditActor From(ClaimsPrincipal principal) =>
        new(users.GetUserId(principal), principal.Identity?.Name ?? "unknown");
}
