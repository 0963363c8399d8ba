using Microsoft.AspNetCore.Mvc;

namespace Sentinel.Web.Hosting;

/// <summary>The public machine API's route group: every <c>/v1</c> endpoint is mapped on it, so the prefix is written once.</summary>
internal static class ApiRoutes
{
    public const string Prefix = "/v1";

    public static RouteGroupBuilder MapPublicApi(this WebApplication app) => app.MapGroup(Prefix);

    /// <summary>
    /// Anything under <c>/v1</c> that no endpoint takes, whatever the method, answers 404 ProblemDetails. Without it
    /// a wrong method on a known path answers a bare 405, which tells a prober which paths exist and tells an SDK
    /// author nothing they can read.
    /// </summary>
    public static RouteGroupBuilder MapUnknownRoutes(this RouteGroupBuilder api)
    {
        // An explicit "{**path}": MapFallback's default pattern skips paths that look like file names.
        api.MapFallback("{**path}", (HttpContext context) => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "There is no such API endpoint.",
            Detail = $"{context.Request.Method} {context.Request.Path} is not part of the API; see /openapi/v1.json or /scalar/v1.",
        })).ExcludeFromDescription().AllowAnonymous();
        return api;
    }
}
