namespace Sentinel.Web.Hosting;

/// <summary>Tells machine requests (the /v1 API, health, OpenAPI), which get ProblemDetails, from portal pages.</summary>
internal static class ApiRequests
{
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/v1")
        || context.Request.Path.StartsWithSegments("/healthz")
        || context.Request.Path.StartsWithSegments("/readyz")
        || context.Request.Path.StartsWithSegments("/openapi");
}
