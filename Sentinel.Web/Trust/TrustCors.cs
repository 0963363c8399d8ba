using Microsoft.Net.Http.Headers;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Trust.Settings;

namespace Sentinel.Web.Trust;

/// <summary>
/// CORS for the collector, per project: a page may post behaviour only from an origin its project allows. The
/// preflight names no key unless it is in the query string; then it is answered for any origin some project allows
/// (the POST itself checks the key's own project). Other origins get no CORS headers and 403.
/// </summary>
internal static class TrustCors
{
    public static void Allow(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Append(HeaderNames.Vary, "Origin");
    }

    /// <summary>OPTIONS /v1/trust/events.</summary>
    public static async Task<IResult> PreflightAsync(HttpContext context, TrustSettingsService settings, ApiKeyAuthenticator authenticator)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var normalized = TrustOrigins.Normalize(origin);
        if (normalized is null)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        bool allowed;
        if (context.Request.Query["key"].ToString() is { Length: > 0 } token)
        {
            var identity = await authenticator.AuthenticateAsync(token, context.RequestAborted);
            allowed = identity is not null && (await settings.GetAsync(identity.ProjectId, context.RequestAborted)).Origins.Contains(normalized);
        }
        else
        {
            allowed = (await settings.AllOriginsAsync(context.RequestAborted)).Contains(normalized);
        }

        if (!allowed)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        Allow(context.Response, origin);
        context.Response.Headers.AccessControlAllowMethods = "POST";
        context.Response.Headers.AccessControlAllowHeaders = "authorization, content-type";
        context.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }
}
