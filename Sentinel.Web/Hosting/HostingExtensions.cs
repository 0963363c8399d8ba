using Microsoft.AspNetCore.HttpOverrides;

namespace Sentinel.Web.Hosting;

/// <summary>Errors as ProblemDetails, OpenAPI, graceful shutdown, forwarded headers: what every host needs.</summary>
internal static class HostingExtensions
{
    public static WebApplicationBuilder AddSentinelHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddPublicApiDocument();

        // On SIGTERM Kestrel stops accepting, finishes in-flight requests and the workers finish their batch.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Behind a load balancer whose address is not known in advance; restrict with KnownNetworks in config if needed.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return builder;
    }

    public static WebApplication UseSentinelHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Exceptions: API callers get ProblemDetails (ProblemDetailsExceptionHandler); portal users the error page.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseWhen(ApiRequests.IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !ApiRequests.IsApi(context), portal => portal.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Routing after the status-code and exception handlers, so that their re-executed request is routed again.
        app.UseRouting();
        return app;
    }
}
