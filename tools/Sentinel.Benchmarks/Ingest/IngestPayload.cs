using System.Globalization;
using System.Text.Json.Nodes;

namespace Sentinel.Benchmarks.Ingest;

/// <summary>One realistic batch as the Node SDK would send it: route templates, masked headers, consumers, a spread of statuses.</summary>
internal static class IngestPayload
{
    public static string Create(int events)
    {
        var random = new Random(42);
        string[] routes = ["/v1/orders", "/v1/orders/{id}", "/v1/users/{id}", "/v1/search", "/v1/checkout", "/v1/products/{id}/reviews"];
        int[] statuses = [200, 200, 200, 200, 201, 204, 304, 400, 401, 404, 500];
        var now = DateTime.UtcNow;
        var array = new JsonArray();
        for (var i = 0; i < events; i++)
        {
            var route = routes[random.Next(routes.Length)];
            array.Add(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["timestamp"] = now.AddMilliseconds(-random.Next(0, 5000)).ToString("O", CultureInfo.InvariantCulture),
                ["method"] = random.Next(4) == 0 ? "POST" : "GET",
                ["host"] = "api.shop.example",
                ["path"] = route.Replace("{id}", random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                ["route"] = route,
                ["status"] = statuses[random.Next(statuses.Length)],
                ["durationMs"] = Math.Round(Math.Exp(random.NextDouble() * 5), 3),
                ["requestBytes"] = random.Next(0, 2000),
                ["responseBytes"] = random.Next(100, 40_000),
                ["consumerId"] = $"customer-{random.Next(200)}",
                ["ip"] = $"198.51.100.{random.Next(1, 254)}",
                ["userAgent"] = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                ["environment"] = "production",
                ["sdk"] = new JsonObject { ["name"] = "sentinel-node", ["version"] = "0.1.0" },
                ["headers"] = new JsonObject { ["accept"] = "application/json", ["authorization"] = "[masked]", ["x-request-id"] = Guid.NewGuid().ToString("N") },
            });
        }

        return new JsonObject { ["events"] = array }.ToJsonString();
    }
}
