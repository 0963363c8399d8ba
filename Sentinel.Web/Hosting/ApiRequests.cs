using Microsoft.AspNetCore.Diagnostics;

namespace Sentinel.Web.Hosting;

/// <summary>Tells machine requests (the /v1 API, health, OpenAPI), which get ProblemDetails, from portal pages.</summary>
internal static class ApiRequests
{
    /// <summary>
    /// By the path the client asked for: while an exception is handled, the request's path is already the error
    /// page's, and the path that failed is only in <see cref="IExceptionHandlerPathFeature"/>.
    /// </summary>
    public static bool IsApi(HttpContext context) =>
        IsApi(context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed) : context.Request.Path);

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments(ApiRoutes.Prefix)
        || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/readyz")
        || path.StartsWithSegments("/openapi");
}
