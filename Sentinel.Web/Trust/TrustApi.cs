using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Sentinel.Domain.Keys;
using Sentinel.Web.Hosting;
using Sentinel.Web.Keys;

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
        return builder;
    }

    /// <summary>Maps the trust endpoints on the host's <c>/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapTrustApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/trust/events", TrustEventsEndpoint.HandleAsync)
            .AllowAnonymous()
            .WithName("PostTrustEvents")
            .WithTags(Tag)
            .WithSummary("Score a batch of behaviour events of a browser session; answers only the action.")
            .WithDescription("Publishable key as `Authorization: Bearer <key>` or `?key=<key>` (sendBeacon). The page's Origin must be one of the project's allowed origins. Bad events are dropped and the rest scored; a batch with no valid event is a 400 with `errors: [{index, field, reason}]`. When the session state store is unreachable the answer is CHALLENGE, never ALLOW.")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // Documented here rather than with Accepts(): Accepts would make routing refuse other content types
                // before the endpoint (and the API's 404 fallback would answer instead of a 415 ProblemDetails).
                var schema = await context.GetOrCreateSchemaAsync(typeof(TrustEventsRequest), null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema },
                        ["text/plain"] = new() { Schema = schema },
                    },
                };
            })
            .Produces<TrustActionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapMethods("/trust/events", [HttpMethods.Options], TrustCors.PreflightAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        api.MapGet("/trust/sessions/{sessionId}", TrustSessionEndpoints.GetAsync)
            .RequireAuthorization(SecretKeyPolicy)
            .WithName("GetTrustSession")
            .WithTags(Tag)
            .WithSummary("A session's verdict with its score, reasons, counts, times, model versions and any reviewer override.")
            .WithDescription("Secret key of the session's project. When the session state store is unreachable: 200 with action CHALLENGE and the reason {model: system, signal: state_unavailable}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/trust/sessions/{sessionId}/outcome", TrustSessionEndpoints.ReportOutcomeAsync)
            .RequireAuthorization(SecretKeyPolicy)
            .WithName("PostTrustOutcome")
            .WithTags(Tag)
            .WithSummary("Report what happened in the session (legitimate or fraud); labels it for baseline learning.")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(TrustOutcomeRequest), null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } } };
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }
}
