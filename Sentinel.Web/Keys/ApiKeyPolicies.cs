using Microsoft.AspNetCore.Authentication;
using Sentinel.Domain.Keys;

namespace Sentinel.Web.Keys;

/// <summary>One authorization policy per key kind, each authenticated only by the API-key scheme (never the portal cookie).</summary>
internal static class ApiKeyPolicies
{
    public const string Ingest = "IngestKey";

    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Ingest, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.KindClaim, nameof(ApiKeyKind.Ingest)));
        return builder;
    }

    public static Guid ProjectId(this HttpContext context) => Guid.Parse(context.User.FindFirst(ApiKeyAuthenticationHandler.ProjectClaim)!.Value);

    public static Guid KeyId(this HttpContext context) => Guid.Parse(context.User.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)!.Value);
}
