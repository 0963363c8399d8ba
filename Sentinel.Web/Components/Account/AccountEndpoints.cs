using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Sentinel.Infrastructure.Persistence;

namespace Sentinel.Web.Components.Account;

/// <summary>The form posts of the Identity pages that are plain endpoints rather than components.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();

        // A POST with an antiforgery token, so a link or a foreign form cannot sign anyone out. The token is checked
        // here rather than by UseAntiforgery: a failed check there throws, which the portal's error page turns into a 500.
        account.MapPost("/Logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<SentinelUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired.", detail: "Reload the page and sign out again.");
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/");
        }).DisableAntiforgery();
        return account;
    }
}
