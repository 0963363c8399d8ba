using System.Globalization;
using System.Text.Json.Nodes;

namespace Sentinel.Infrastructure.Demo;

/// <summary>
/// Realistic-looking API events for the demo, as an SDK would send them: a shop's routes with their own latency
/// (log-normal around a per-route median) and error profile, a few dozen consumers of very different sizes (Zipf),
/// three environments, a day/night rhythm, and one short checkout incident (a burst of 5xx) a few hours ago.
/// More than half of the events fall in the last 24 hours (the home page's sparkline), the rest over the past week,
/// never older than <see cref="MaxAge"/> (the ingestion endpoint refuses events more than 7 days old).
/// Deterministic for a seed and a "now".
/// </summary>
public static class SyntheticApiTraffic
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(6.5);

    private static readonly Route[] Routes =
    [
        new("GET", "/api/products", 30, 35, 0.45, ClientErrors: 0.005, ServerErrors: 0.001),
        new("GET", "/api/products/{id}", 25, 22, 0.4, ClientErrors: 0.03, ServerErrors: 0.001, NotFound: true),
        new("GET", "/api/search", 9, 140, 0.8, ClientErrors: 0.02, ServerErrors: 0.004),
        new("GET", "/api/cart", 10, 30, 0.4, ClientErrors: 0.01, ServerErrors: 0.001),
        new("POST", "/api/cart/items", 9, 60, 0.5, ClientErrors: 0.04, ServerErrors: 0.002),
        new("POST", "/api/auth/login", 6, 180, 0.35, ClientErrors: 0.12, ServerErrors: 0.002),
        new("POST", "/api/checkout", 4, 320, 0.55, ClientErrors: 0.08, ServerErrors: 0.01),
        new("GET", "/api/orders", 5, 80, 0.5, ClientErrors: 0.01, ServerErrors: 0.002),
        new("GET", "/api/orders/{id}", 4, 45, 0.45, ClientErrors: 0.05, ServerErrors: 0.002, NotFound: true),
        new("POST", "/api/webhooks/payments", 2, 95, 0.6, ClientErrors: 0.01, ServerErrors: 0.01),
    ];

    private static readonly (string Name, double Weight)[] Environments = [("production", 0.8), ("staging", 0.15), ("development", 0.05)];

    private static readonly string[] UserAgents =
    [
        "shop-web/4.12 (+https://shop.example)",
        "ShopApp/3.8.1 iOS/18.2",
        "ShopApp/3.8.0 Android/15",
        "python-requests/2.32.3",
        "partner-sync/1.4",
    ];

    /// <summary><paramref name="count"/> events in the SDK's JSON shape, oldest first.</summary>
    public static IEnumerable<JsonObject> Generate(int count, DateTimeOffset now, int seed = 7)
    {
        var random = new Random(seed);
        var totalWeight = Routes.Sum(r => r.Weight);
        var incidentStart = now.AddHours(-3);
        var times = Enumerable.Range(0, count).Select(_ => Timestamp(random, now)).Order().ToList();
        var run = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < times.Count; i++)
        {
            var at = times[i];
            var route = Pick(random, totalWeight);
            var environment = PickEnvironment(random);
            var incident = route.Path == "/api/checkout" && at >= incidentStart && at < incidentStart.AddMinutes(25);
            var status = Status(random, route, incident);
            var latency = LogNormal(random, route.MedianMs * (status >= 500 ? 2.5 : 1) * (incident ? 3 : 1), route.Sigma);
            var consumer = Consumer(random);
            var name = $"acct_{consumer:0000}";
            yield return new JsonObject
            {
                ["id"] = $"demo-{run}-{i.ToString(CultureInfo.InvariantCulture)}",
                ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["method"] = route.Method,
                ["host"] = environment == "production" ? "api.shop.example" : $"api.{environment}.shop.example",
                ["path"] = route.Path.Replace("{id}", (1000 + random.Next(9000)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                ["route"] = route.Path,
                ["status"] = status,
                ["durationMs"] = Math.Round(Math.Min(latency, 30_000), 1),
                ["requestBytes"] = route.Method == "GET" ? 0 : 200 + random.Next(1800),
                ["responseBytes"] = status == 204 ? 0 : (int)LogNormal(random, route.Path.Contains("search", StringComparison.Ordinal) ? 12_000 : 1_800, 0.6),
                ["consumerId"] = name,
                ["ip"] = $"203.0.113.{consumer.ToString(CultureInfo.InvariantCulture)}",
                ["userAgent"] = UserAgents[random.Next(UserAgents.Length)],
                ["environment"] = environment,
                ["sdk"] = new JsonObject { ["name"] = "sentinel-demo", ["version"] = "1.0.0" },
            };
        }
    }

    /// <summary>55% in the last 24 h, the rest over the week before; within a day, more by day than by night (UTC).</summary>
    private static DateTimeOffset Timestamp(Random random, DateTimeOffset now)
    {
        while (true)
        {
            var age = random.NextDouble() < 0.55
                ? TimeSpan.FromHours(random.NextDouble() * 24)
                : TimeSpan.FromHours(24 + (random.NextDouble() * (MaxAge.TotalHours - 24)));
            var at = now - age - TimeSpan.FromSeconds(5);
            var daylight = 0.35 + (0.65 * Math.Max(0, Math.Sin((at.UtcDateTime.TimeOfDay.TotalHours - 6) / 24 * 2 * Math.PI)));
            if (random.NextDouble() < daylight)
            {
                return at;
            }
        }
    }

    private static Route Pick(Random random, double totalWeight)
    {
        var x = random.NextDouble() * totalWeight;
        foreach (var route in Routes)
        {
            if ((x -= route.Weight) < 0)
            {
                return route;
            }
        }

        return Routes[^1];
    }

    private static string PickEnvironment(Random random)
    {
        var x = random.NextDouble();
        foreach (var (name, weight) in Environments)
        {
            if ((x -= weight) < 0)
            {
                return name;
            }
        }

        return Environments[0].Name;
    }

    private static int Status(Random random, Route route, bool incident)
    {
        var x = random.NextDouble();
        if (x < (incident ? 0.3 : route.ServerErrors))
        {
            return random.NextDouble() < 0.7 ? 500 : (random.NextDouble() < 0.5 ? 502 : 503);
        }

        if (x < (incident ? 0.3 : route.ServerErrors) + route.ClientErrors)
        {
            return route.NotFound ? 404
                : route.Path == "/api/auth/login" ? 401
                : random.NextDouble() < 0.3 ? 429 : (random.NextDouble() < 0.6 ? 400 : 422);
        }

        return route.Method == "POST" ? (route.Path.EndsWith("items", StringComparison.Ordinal) ? 201 : 200) : (random.NextDouble() < 0.03 ? 304 : 200);
    }

    /// <summary>40 consumers (numbered from 1); consumer n is picked about 1/n as often as the first (Zipf), so a few big accounts dominate.</summary>
    private static int Consumer(Random random)
    {
        const int consumers = 40;
        var harmonic = 0.0;
        for (var n = 1; n <= consumers; n++)
        {
            harmonic += 1.0 / n;
        }

        var x = random.NextDouble() * harmonic;
        for (var n = 1; n <= consumers; n++)
        {
            if ((x -= 1.0 / n) < 0)
            {
                return n;
            }
        }

        return consumers;
    }

    private static double LogNormal(Random random, double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }

    private sealed record Route(string Method, string Path, double Weight, double MedianMs, double Sigma, double ClientErrors, double ServerErrors, bool NotFound = false);
}
