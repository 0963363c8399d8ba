using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Web.Components.Account;

/// <summary>The form posts of the Identity pages that are plain endpoints rather than components.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();

        // A POST with an antiforgery token (validated by UseAntiforgery for form posts), so a link cannot log anyone out.
        account.MapPost("/Logout", async ([FromServices] SignInManager<SentinelUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"~/{returnUrl}");
        });
        return account;
    }
}
