using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sentinel.Domain.Analytics;

namespace Sentinel.Tests.Support;

/// <summary>Realistic API events as an SDK would send them, deterministic per seed, and helpers to post them.</summary>
internal static class TestEvents
{
    private static readonly string[] Routes = ["/orders", "/orders/{id}", "/users/{id}", "/health", "/search", "/checkout"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 201, 204, 301, 400, 401, 404, 429, 500, 503];

    /// <summary><paramref name="count"/> events spread over the minutes after <paramref name="start"/>, ids unique per seed.</summary>
    public static List<JsonObject> Generate(int count, int seed, DateTime start, string environment = "production")
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var route = Routes[random.Next(Routes.Length)];
            return new JsonObject
            {
                ["id"] = $"evt-{seed}-{i}",
                ["timestamp"] = start.AddMilliseconds(random.Next(0, 600_000)).ToString("O"),
                ["method"] = Methods[random.Next(Methods.Length)],
                ["host"] = "api.shop.test",
                ["path"] = route.Replace("{id}", random.Next(1, 999).ToString(), StringComparison.Ordinal),
                ["route"] = route,
                ["status"] = Statuses[random.Next(Statuses.Length)],
                ["durationMs"] = Math.Round(Math.Exp(random.NextDouble() * 6), 3),
                ["requestBytes"] = random.Next(0, 4000),
                ["responseBytes"] = random.Next(0, 90_000),
                ["consumerId"] = random.Next(4) == 0 ? null : $"customer-{random.Next(12)}",
                ["ip"] = $"203.0.113.{random.Next(1, 254)}",
                ["userAgent"] = "shop-mobile/4.2 (iOS 18)",
                ["environment"] = environment,
                ["sdk"] = new JsonObject { ["name"] = "sentinel-node", ["version"] = "0.1.0" },
                ["headers"] = new JsonObject { ["accept"] = "application/json", ["authorization"] = "[masked]" },
            };
        }).ToList();
    }

    /// <summary>The events as the workers store them, read by the same reader as a queued batch.</summary>
    public static List<ApiEvent> AsStored(IEnumerable<JsonNode?> events, Guid projectId) =>
        ApiEventReader.ForQueuedEvents.ReadQueued(Encoding.UTF8.GetBytes(new JsonArray(events.Select(e => e?.DeepClone()).ToArray()).ToJsonString()), projectId)
        ?? throw new ArgumentException("Not every event is valid.", nameof(events));

    public static string Body(IEnumerable<JsonNode?> events) => new JsonObject { ["events"] = new JsonArray(events.Select(e => e?.DeepClone()).ToArray()) }.ToJsonString();

    public static HttpRequestMessage Request(string key, string body, bool gzip = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events/batch");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(Encoding.UTF8.GetBytes(body));
            }

            request.Content = new ByteArrayContent(compressed.ToArray());
            request.Content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            request.Content = new StringContent(body, Encoding.UTF8);
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, IEnumerable<JsonNode?> events, bool gzip = false) =>
        client.SendAsync(Request(key, Body(events), gzip));
}
