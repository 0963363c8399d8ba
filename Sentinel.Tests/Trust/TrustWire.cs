using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Trust.Events;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Demo;
using Sentinel.Infrastructure.Trust.Settings;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>What the browser collector and the customer's backend send, for the trust API tests.</summary>
internal static class TrustWire
{
    public const string Origin = "https://shop.example";

    /// <summary>A project with its publishable and secret keys, and <see cref="Origin"/> allowed; names are unique per host, so each call adds a suffix.</summary>
    public static async Task<(Guid Project, string Publishable, string Secret)> ProjectAsync(SentinelApp app, string name = "Shop")
    {
        var project = await app.CreateProjectAsync($"{name} {Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 40)]); // names are unique per host
        var publishable = await app.CreateKeyAsync(project.Id, ApiKeyKind.Publishable);
        var secret = await app.CreateKeyAsync(project.Id, ApiKeyKind.Secret);
        await app.Services.GetRequiredService<TrustSettingsService>().SetOriginsAsync(project.Id, [Origin], AuditActor.System, CancellationToken.None);
        return (project.Id, publishable, secret);
    }

    public static string NewSessionId() => "s" + Guid.NewGuid().ToString("N");

    public static JsonObject Event(BehaviorEvent e, string? field = null) => CollectorWire.Event(e, field);

    public static string Body(string sessionId, IEnumerable<BehaviorEvent> events, string? userId = null, string? field = null)
    {
        var body = new JsonObject { ["sessionId"] = sessionId, ["events"] = new JsonArray([.. events.Select(e => Event(e, field))]) };
        if (userId is not null)
        {
            body["userId"] = userId;
        }

        return body.ToJsonString();
    }

    public static HttpRequestMessage Post(string key, string body, string? origin = Origin, bool keyInQuery = false, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, keyInQuery ? $"/v1/trust/events?key={Uri.EscapeDataString(key)}" : "/v1/trust/events")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (!keyInQuery)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    /// <summary>Posts the events in collector-sized batches and returns each answer's action.</summary>
    public static async Task<List<string>> PostSessionAsync(HttpClient client, string key, string sessionId, IReadOnlyList<BehaviorEvent> events, int batchSize = 100, string? userId = null, string? field = null, string origin = Origin)
    {
        var actions = new List<string>();
        for (var i = 0; i < events.Count; i += batchSize)
        {
            var response = await client.SendAsync(Post(key, Body(sessionId, events.Skip(i).Take(batchSize), userId, field), origin));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            actions.Add(Action(text));
        }

        return actions;
    }

    public static string Action(string json) => JsonDocument.Parse(json).RootElement.GetProperty("action").GetString()!;

    public static async Task<JsonElement> GetSessionAsync(HttpClient client, string secret, string sessionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/trust/sessions/{sessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> OutcomeAsync(HttpClient client, string secret, string sessionId, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/trust/sessions/{sessionId}/outcome") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client.SendAsync(request);
    }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
