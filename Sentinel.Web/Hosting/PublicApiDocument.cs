namespace Sentinel.Web.Hosting;

/// <summary>The OpenAPI document of the public machine API (<c>/v1</c>), served at <c>/openapi/v1.json</c>.</summary>
internal static class PublicApiDocument
{
    public const string Name = "v1";

    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            // Portal pages and Identity form posts are not part of the public API.
            options.ShouldInclude = description =>
                description.RelativePath is { } path && path.StartsWith("v1/", StringComparison.Ordinal);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Sentinel public API";
                document.Info.Description = "Ingestion of API-analytics and behaviour events, and trust verdicts.";
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapPublicApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
