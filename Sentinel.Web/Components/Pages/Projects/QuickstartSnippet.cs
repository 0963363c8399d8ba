namespace Sentinel.Web.Components.Pages.Projects;

/// <summary>
/// One ready-to-paste snippet of the Quickstart tab. The code follows the SDK READMEs (sdks/node, sdks/dotnet,
/// sdks/browser) and the events endpoint's contract; keys stay placeholders because Sentinel cannot show them again.
/// </summary>
internal sealed record QuickstartSnippet(string Id, string Title, string Note, string Code)
{
    public static IEnumerable<QuickstartSnippet> For(string endpoint, string collectorPath, string collectorIntegrity)
    {
        yield return new("curl", "curl", "Send one API event with the ingest key. Sentinel answers 202 with {\"accepted\":1,\"rejected\":0,...}.", $$"""
            curl -i {{endpoint}}/v1/events/batch \
              -H "Authorization: Bearer $SENTINEL_KEY" \
              -H "Content-Type: application/json" \
              --data '{"events":[{
                "id":"'"$(date +%s%N)"'", "timestamp":'"$(date +%s000)"',
                "method":"GET", "host":"api.example.com", "path":"/orders/42", "route":"/orders/{id}",
                "status":200, "durationMs":12.5}]}'
            """);
        yield return new("node", "Node / Express", "The sentinel-node package (sdks/node): every request your app serves, batched and gzipped, with the ingest key.", $$"""
            import express from 'express';
            import { sentinel, sentinelErrors } from 'sentinel-node';

            const app = express();
            app.use(sentinel({ key: process.env.SENTINEL_KEY, endpoint: '{{endpoint}}' }));
            app.get('/orders/:id', (req, res) => res.json({ id: req.params.id }));
            app.use(sentinelErrors());   // optional, after the routes: error messages of 5xx answers
            app.listen(3000);
            """);
        yield return new("dotnet", "ASP.NET Core", "The Sentinel.Sdk.AspNetCore package (sdks/dotnet), in Program.cs; the ingest key from configuration (Sentinel__Key).", $$"""
            builder.Services.AddSentinel(o =>
            {
                o.Key = builder.Configuration["Sentinel:Key"]!;
                o.Endpoint = new Uri("{{endpoint}}");
            });
            var app = builder.Build();
            app.UseSentinel();   // before the endpoints
            app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id }));
            """);
        yield return new("collector", "Browser collector", "On your login or checkout page, with the publishable key. The page's origin must be one of the project's allowed origins (Settings).", $$"""
            <script src="{{endpoint}}{{collectorPath}}"
                    integrity="{{collectorIntegrity}}" crossorigin="anonymous"></script>
            <script>Sentinel.init({ key: 'PUBLISHABLE_KEY' });</script>
            <input type="password" data-sentinel-field="password">
            """);
    }
}
