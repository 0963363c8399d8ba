using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Sentinel.Web.Hosting;

/// <summary>
/// The OpenAPI document of the public machine API (<c>/v1</c>), served at <c>/openapi/v1.json</c>, and its API
/// reference page at <c>/scalar/v1</c>. Endpoints declare the body they read with <see cref="WithRequestSchema"/>
/// (they read raw bytes, so nothing is inferred). The bearer scheme and its requirement on every /v1 operation are
/// defined here, once, for every feature's endpoints.
/// </summary>
internal static class PublicApiDocument
{
    public const string Name = "v1";
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            // Portal pages and Identity form posts are not part of the public API.
            options.ShouldInclude = description =>
                description.RelativePath is { } path && path.StartsWith("v1/", StringComparison.Ordinal);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Sentinel public API";
                document.Info.Description = "Ingestion of API-analytics and behaviour events, and trust verdicts. Authenticate with the project's key: `Authorization: Bearer snt_...`.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "snt_<kind>_<secret>",
                    Description = "A project key from the portal: the ingest key for /v1/events, the publishable key for /v1/trust/events (also accepted as ?key=, for sendBeacon), the secret key for /v1/trust/sessions. `X-Api-Key: <key>` is accepted too.",
                };

                // Every /v1 operation takes a project key as a bearer token; which kind is said in each description.
                foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations is null ? [] : p.Operations.Values.ToList()))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<RequestSchema>().FirstOrDefault() is { } body)
                {
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
                    };
                }
            });
        });

    /// <summary>Documents the JSON body an endpoint reads itself (the endpoint does not bind it, so nothing is inferred).</summary>
    public static RouteHandlerBuilder WithRequestSchema<TBody>(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.WithMetadata(new RequestSchema(typeof(TBody), contentTypes.Length == 0 ? ["application/json"] : contentTypes));

    public static WebApplication MapPublicApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The page's script is served from the package (no CDN), under /scalar/.
        app.MapScalarApiReference("/scalar", options => options
            .WithTitle("Sentinel public API")
            .AddDocument(Name)
            .AddPreferredSecuritySchemes(BearerScheme)).AllowAnonymous();
        return app;
    }

    /// <summary>Endpoint metadata: the body type and its content types, for the document only.</summary>
    private sealed record RequestSchema(Type Type, string[] ContentTypes);
}
