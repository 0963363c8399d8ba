using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Domain.Auditing;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Trust.Events;
using Sentinel.Infrastructure.Auditing;
using Sentinel.Infrastructure.Keys;
using Sentinel.Infrastructure.Persistence;
using Sentinel.Infrastructure.Projects;
using Sentinel.Infrastructure.Trust.Settings;

namespace Sentinel.Infrastructure.Demo;

/// <summary>How much demo data to send: API events, then person-like and bot-like trust sessions.</summary>
public sealed record DemoSize(int Events, int HumanSessions, int BotSessions)
{
    public static readonly DemoSize Default = new(20_000, 24, 12);
}

/// <summary>What a demo run did: the project, the events the API accepted, and the action each session ended with.</summary>
public sealed record DemoResult(Guid ProjectId, string ProjectName, int EventsAccepted, IReadOnlyDictionary<string, int> SessionActions);

/// <summary>
/// Fills an install with demo data THROUGH ITS OWN PUBLIC API, as a customer's SDK and browser collector would:
/// the project "Demo shop" (created once, reused and refreshed by later runs), a fresh ingest key and publishable key
/// (the previous run's demo keys are revoked: a key's secret is shown once, so it cannot be reused), the allowed
/// origin, then API events to <c>POST /v1/events/batch</c> and sessions to <c>POST /v1/trust/events</c>.
/// The client's base address is the running host; the run is audited under the actor who asked for it.
/// </summary>
public sealed partial class DemoLoader(IServiceScopeFactory scopes, TrustSettingsService trust, TimeProvider time, ILogger<DemoLoader> logger)
{
    public const string ProjectName = "Demo shop";
    public const string Origin = "https://shop.demo.example";
    private const string KeyNamePrefix = "demo ";
    private const int EventsPerBatch = 500;
    private const int BehaviorPerBatch = 100;

    public async Task<DemoResult> LoadAsync(HttpClient client, DemoSize size, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(size);
        var (projectId, ingest, publishable) = await PrepareAsync(actor, cancellationToken);
        await trust.SetOriginsAsync(projectId, [Origin], actor, cancellationToken);

        var accepted = await SendEventsAsync(client, ingest, size.Events, cancellationToken);
        var actions = await SendSessionsAsync(client, publishable, size, cancellationToken);

        var sessions = actions.Values.Sum();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(
            actor, AuditActions.DemoDataLoaded, ProjectName, projectId, $"{accepted} API events, {sessions} trust sessions");
        await scope.ServiceProvider.GetRequiredService<SentinelDbContext>().SaveChangesAsync(cancellationToken);
        LogLoaded(logger, accepted, sessions, ProjectName);
        return new DemoResult(projectId, ProjectName, accepted, actions);
    }

    /// <summary>The demo project (restored if archived) with new demo keys; earlier demo keys revoked.</summary>
    private async Task<(Guid Project, string Ingest, string Publishable)> PrepareAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var project = (await projects.ListAsync(cancellationToken, includeArchived: true)).FirstOrDefault(p => p.Name == ProjectName)
            ?? await projects.CreateAsync(ProjectName, actor, cancellationToken);
        if (project.IsArchived)
        {
            await projects.SetArchivedAsync(project.Id, archived: false, actor, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var old in (await keys.ListAsync(project.Id, cancellationToken)).Where(k => k.Name.StartsWith(KeyNamePrefix, StringComparison.Ordinal) && k.IsUsableAt(now)))
        {
            await keys.RevokeAsync(old.Id, actor, cancellationToken);
        }

        var ingest = await keys.CreateAsync(project.Id, ApiKeyKind.Ingest, KeyNamePrefix + "ingest", actor, cancellationToken);
        var publishable = await keys.CreateAsync(project.Id, ApiKeyKind.Publishable, KeyNamePrefix + "publishable", actor, cancellationToken);
        return (project.Id, ingest.Token, publishable.Token);
    }

    private async Task<int> SendEventsAsync(HttpClient client, string key, int count, CancellationToken cancellationToken)
    {
        var accepted = 0;
        foreach (var batch in SyntheticApiTraffic.Generate(count, time.GetUtcNow()).Chunk(EventsPerBatch))
        {
            var body = new JsonObject { ["events"] = new JsonArray([.. batch]) }.ToJsonString();
            using var response = await SendAsync(client, () => Request("/v1/events/batch", key, body, origin: null), cancellationToken);
            accepted += (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accepted").GetInt32();
        }

        return accepted;
    }

    /// <summary>Humans (aimed hand-like moves, then typing, with a user id) and bots (straight moves; every other one also sends untrusted events).</summary>
    private async Task<Dictionary<string, int>> SendSessionsAsync(HttpClient client, string key, DemoSize size, CancellationToken cancellationToken)
    {
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var run = time.GetUtcNow().ToUnixTimeSeconds();
        for (var i = 0; i < size.HumanSessions + size.BotSessions; i++)
        {
            var bot = i >= size.HumanSessions;
            var seed = (int)(run % 100_000) + i;
            var events = SyntheticBehavior.Session(seed, moves: 30, bot);
            if (!bot)
            {
                var typingStart = events[^1].TimestampMs + 600;
                events.AddRange(SyntheticBehavior.HumanTyping(seed, 14).Select(e => e with { TimestampMs = e.TimestampMs - 1000 + typingStart }));
            }
            else if (i % 2 == 0)
            {
                events = [.. events.Select(e => e with { IsTrusted = false })];
            }

            var sessionId = $"demo{run}{i:0000}{Guid.NewGuid():N}"[..40];
            var userId = bot ? $"visitor-{i}" : $"customer-{1 + (i % Math.Max(1, size.HumanSessions / 2))}";
            string action = "";
            foreach (var chunk in events.Chunk(BehaviorPerBatch))
            {
                var body = new JsonObject
                {
                    ["sessionId"] = sessionId,
                    ["userId"] = userId,
                    ["events"] = new JsonArray([.. chunk.Select(e => CollectorWire.Event(e))]),
                }.ToJsonString();
                using var response = await SendAsync(client, () => Request("/v1/trust/events", key, body, Origin), cancellationToken);
                action = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("action").GetString() ?? "";
            }

            actions[action] = actions.GetValueOrDefault(action) + 1;
        }

        return actions;
    }

    private static HttpRequestMessage Request(string path, string key, string body, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    /// <summary>Sends, waiting as told on 429 and 503 (Retry-After) like the SDKs do; any other failure stops the run with the answer.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await client.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt >= 10)
            {
                response.Dispose();
                throw new HttpRequestException($"{message.RequestUri} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {Events} API events and {Sessions} trust sessions in {Project}")]
    private static partial void LogLoaded(ILogger logger, int events, int sessions, string project);
}
