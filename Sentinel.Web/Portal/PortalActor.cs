using System.Security.Claims;
using Sentinel.Infrastructure.Auditing;

namespace Sentinel.Web.Portal;

/// <summary>The signed-in portal user as the actor of audited changes.</summary>
internal static class PortalActor
{
    /// <summary>The Identity user id (Identity puts it in the NameIdentifier claim), or null when signed out.</summary>
    public static string? UserId(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public static AuditActor From(ClaimsPrincipal principal) =>
        new(UserId(principal), principal.Identity?.Name ?? "unknown");
}
