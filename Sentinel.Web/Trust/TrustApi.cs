using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Sentinel.Domain.Keys;
using Sentinel.Web.Hosting;
using Sentinel.Web.Ingestion;

namespace Sentinel.Web.Trust;

/// <summary>
/// The trust API (README "Trust API"): the collector posts behaviour with the publishable key and gets the action;
/// the customer's backend reads the verdict and reports outcomes with the secret key.
/// </summary>
internal static class TrustApi
{
    public const string SecretKeyPolicy = "SecretKey";
    private const string Tag = "Trust";

    public static WebApplicationBuilder AddTrustApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SecretKeyPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.KindClaim, nameof(ApiKeyKind.Secret)));
        builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(PublicApiDocument.Name, options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Every /v1 operation takes a project key as a bearer token; which kind is said in each description.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A project key: ingest (snt_ing_…) for /v1/events, publishable for /v1/trust/events (also accepted as ?key=), secret for /v1/trust/sessions.",
            };
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations is null ? [] : p.Operations.Values.ToList()))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            }

            return Task.CompletedTask;
        }));
        return builder;
    }

    public static IEndpointRouteBuilder MapTrustApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/trust/events", TrustEventsEndpoint.HandleAsync)
            .AllowAnonymous()
            .WithName("PostTrustEvents")
            .WithTags(Tag)
            .WithSummary("Score a batch of behaviour events of a browser session; answers only the action.")
            .WithDescription("Publishable key as `Authorization: Bearer <key>` or `?key=<key>` (sendBeacon). The page's Origin must be one of the project's allowed origins. Bad events are dropped and the rest scored; a batch with no valid event is a 400 with `errors: [{index, field, reason}]`. When the session state store is unreachable the answer is CHALLENGE, never ALLOW.")
            .Accepts<TrustEventsRequest>("application/json", "text/plain")
            .Produces<TrustActionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        endpoints.MapMethods("/v1/trust/events", [HttpMethods.Options], TrustCors.PreflightAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapGet("/v1/trust/sessions/{sessionId}", TrustSessionEndpoints.GetAsync)
            .RequireAuthorization(SecretKeyPolicy)
            .WithName("GetTrustSession")
            .WithTags(Tag)
            .WithSummary("A session's verdict with its score, reasons, counts, times, model versions and any reviewer override.")
            .WithDescription("Secret key of the session's project. When the session state store is unreachable: 200 with action CHALLENGE and the reason {model: system, signal: state_unavailable}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapPost("/v1/trust/sessions/{sessionId}/outcome", TrustSessionEndpoints.ReportOutcomeAsync)
            .RequireAuthorization(SecretKeyPolicy)
            .WithName("PostTrustOutcome")
            .WithTags(Tag)
            .WithSummary("Report what happened in the session (legitimate or fraud); labels it for baseline learning.")
            .Accepts<TrustOutcomeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}
