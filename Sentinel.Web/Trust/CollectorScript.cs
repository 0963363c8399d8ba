using Microsoft.Net.Http.Headers;

namespace Sentinel.Web.Trust;

/// <summary>
/// <c>GET /v1/collector/{version}/sentinel.js</c>: the browser collector (sdks/browser), built into
/// <c>CollectorScript.Bundle.cs</c>. A version's bytes never change, so browsers and CDNs may keep it for a year;
/// a new collector gets a new URL. Served to any origin with CORS, because a cross-origin script tag with an
/// <c>integrity</c> attribute is only checked (and run) when the response allows CORS.
/// </summary>
internal static partial class CollectorScript
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    private static readonly byte[] Bundle = Convert.FromBase64String(BundleBase64);
    private static readonly EntityTagHeaderValue ETag = new($"\"{Integrity}\"");

    /// <summary>The bytes served, exactly sdks/browser/dist/sentinel.js.</summary>
    public static ReadOnlyMemory<byte> Bytes => Bundle;

    public static string Path => $"/v1/collector/{Version}/sentinel.js";

    /// <summary>Maps <c>GET {api}/collector/{version}/sentinel.js</c> on the host's <c>/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapCollectorScript(this IEndpointRouteBuilder api)
    {
        api.MapMethods("/collector/{version}/sentinel.js", [HttpMethods.Get, HttpMethods.Head], Serve)
            .AllowAnonymous()
            .WithName("GetCollectorScript")
            .WithTags("Trust")
            .WithSummary("The browser collector script (immutable; use the integrity hash from sdks/browser/README.md).")
            .Produces(StatusCodes.Status200OK, contentType: "text/javascript")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult Serve(string version, HttpContext context)
    {
        if (!string.Equals(version, Version, StringComparison.Ordinal))
        {
            // Only the built version is served; a page pinned to another one must be updated (and its SRI with it).
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown collector version",
                detail: $"This Sentinel serves collector {Version} at {Path}.");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.AccessControlAllowOrigin = "*";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(Bundle, "text/javascript; charset=utf-8", entityTag: ETag);
    }
}
