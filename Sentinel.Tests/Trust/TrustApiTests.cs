using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sentinel.Domain.Keys;
using Sentinel.Domain.Trust.Events;
using Sentinel.Tests.Domain.Trust;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>The trust API end to end in embedded mode (in-process session state, SQLite), as the collector and the customer's backend use it.</summary>
public sealed class TrustApiTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    private readonly SentinelApp _app = fixture.Instance;

    [Fact]
    public async Task AHandLikeSession_IsAllowed_AndTheBackendReadsTheVerdictWithItsReasons()
    {
        var (_, publishable, secret) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var session = TrustWire.NewSessionId();

        var actions = await TrustWire.PostSessionAsync(client, publishable, session, Input.Session(seed: 2, moves: 30, bot: false));
        var verdict = await TrustWire.GetSessionAsync(client, secret, session);

        Assert.Equal("ALLOW", actions[^1]);
        Assert.Equal("ALLOW", verdict.GetProperty("action").GetString());
        Assert.InRange(verdict.GetProperty("score").GetDouble(), 0.7, 1.0);
        Assert.Equal(Input.Session(seed: 2, moves: 30, bot: false).Count, verdict.GetProperty("eventsSeen").GetInt64());
        Assert.Contains(verdict.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("signal").GetString() == "mouse.natural_strokes" && r.GetProperty("contribution").GetDouble() > 0);
        Assert.Contains("physics", verdict.GetProperty("modelVersions").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, verdict.GetProperty("overridden").ValueKind);
    }

    [Fact]
    public async Task AScript_IsBlocked_AndThePageLearnsOnlyTheAction()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var session = TrustWire.NewSessionId();
        var events = Input.Session(seed: 1, moves: 30, bot: true).Select(e => e with { IsTrusted = false }).ToList();

        var response = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(session, events.Take(500))));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("BLOCK", body.GetProperty("action").GetString());
        Assert.Equal(["action"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TrustWire.Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task TheKeyMayComeInTheQueryString_AsTextPlain_LikeSendBeacon()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();

        var response = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), Input.Session(3, 2, false)), keyInQuery: true, contentType: "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CHALLENGE", TrustWire.Action(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Keys_UnknownIs401_WrongKindIs403_OnEveryEndpoint()
    {
        var (project, publishable, secret) = await TrustWire.ProjectAsync(_app);
        var ingest = await _app.CreateKeyAsync(project, ApiKeyKind.Ingest);
        using var client = _app.CreateClient();
        var body = TrustWire.Body(TrustWire.NewSessionId(), Input.Session(3, 2, false));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(TrustWire.Post("snt_pub_unknown", body))).StatusCode);
        var noKey = TrustWire.Post(publishable, body);
        noKey.Headers.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(noKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(TrustWire.Post(secret, body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(TrustWire.Post(ingest, body))).StatusCode);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/trust/sessions/" + TrustWire.NewSessionId());
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publishable);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(read)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/v1/trust/sessions/" + TrustWire.NewSessionId(), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Cors_OnlyTheProjectsOrigins_GetHeaders_OthersGet403()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();

        var allowed = await client.SendAsync(Preflight(TrustWire.Origin, null));
        var allowedWithKey = await client.SendAsync(Preflight(TrustWire.Origin, publishable));
        var other = await client.SendAsync(Preflight("https://evil.example", publishable));
        var post = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), Input.Session(3, 2, false)), origin: "https://evil.example"));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(TrustWire.Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, allowedWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task APartlyBadBatch_IsScored_AndOneWithNothingValidIs400WithPerEventErrors()
    {
        var (_, publishable, secret) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var session = TrustWire.NewSessionId();
        var partly = $$"""{"sessionId":"{{session}}","events":[{"t":1,"type":"mousemove","x":1,"y":2,"isTrusted":true},{"t":"soon","type":"mousemove","x":1,"y":2,"isTrusted":true},{"t":3,"type":"warp","isTrusted":true},{"t":4,"type":"keydown","isTrusted":true}]}""";
        var nothing = $$"""{"sessionId":"{{session}}","events":[{"t":1,"type":"mousemove","isTrusted":true},7]}""";

        var ok = await client.SendAsync(TrustWire.Post(publishable, partly));
        var bad = await client.SendAsync(TrustWire.Post(publishable, nothing));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, (await TrustWire.GetSessionAsync(client, secret, session)).GetProperty("eventsSeen").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("index").GetInt32()}:{e.GetProperty("field").GetString()}").ToList();
        Assert.Equal(["0:x", "0:y", "1:"], errors);
    }

    [Fact]
    public async Task Limits_TooManyEventsOrBytesAre413_MalformedBodiesAre400()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var many = Enumerable.Range(0, 501).Select(i => BehaviorEvent.Move(i * 8, i, i));

        var tooMany = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), many)));
        var tooBig = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body(TrustWire.NewSessionId(), Input.Session(3, 2, false)) + new string(' ', 300_000)));
        var badSession = await client.SendAsync(TrustWire.Post(publishable, TrustWire.Body("short", Input.Session(3, 2, false))));
        var notJson = await client.SendAsync(TrustWire.Post(publishable, "{\"sessionId\":"));
        var wrongType = await client.SendAsync(TrustWire.Post(publishable, "{}", contentType: "application/xml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSession.StatusCode);
        Assert.Contains("sessionId", await badSession.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task Outcome_Is204ForAKnownSession_404ForAnUnknownOne_400ForABadBody()
    {
        var (_, publishable, secret) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var session = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(client, publishable, session, Input.Session(5, 3, false));

        Assert.Equal(HttpStatusCode.NoContent, (await TrustWire.OutcomeAsync(client, secret, session, """{"outcome":"legitimate","note":"login ok"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TrustWire.OutcomeAsync(client, secret, TrustWire.NewSessionId(), """{"outcome":"fraud"}""")).StatusCode);
        var bad = await TrustWire.OutcomeAsync(client, secret, session, """{"outcome":"maybe"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("outcome", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/trust/sessions/" + TrustWire.NewSessionId()) { Headers = { Authorization = new("Bearer", secret) } })).StatusCode);
    }

    [Fact]
    public async Task ASessionOfAnotherProject_IsNotFound_WithThisProjectsSecretKey()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app, "Shop");
        var (_, _, otherSecret) = await TrustWire.ProjectAsync(_app, "Blog");
        using var client = _app.CreateClient();
        var session = TrustWire.NewSessionId();
        await TrustWire.PostSessionAsync(client, publishable, session, Input.Session(5, 3, false));

        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/trust/sessions/" + session);
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", otherSecret);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task TheEndpoints_AreInTheOpenApiDocument_WithSchemasAndTheBearerScheme()
    {
        using var client = _app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/trust/events", out var events));
        Assert.True(paths.TryGetProperty("/v1/trust/sessions/{sessionId}", out _));
        Assert.True(paths.TryGetProperty("/v1/trust/sessions/{sessionId}/outcome", out _));
        Assert.True(events.GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("TrustSessionResponse", out _));
        var body = events.GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("text/plain", out _));
        Assert.Contains("sessionId", body.GetProperty("application/json").GetRawText(), StringComparison.Ordinal);
        Assert.NotEmpty(events.GetProperty("post").GetProperty("security").EnumerateArray());
    }

    private static HttpRequestMessage Preflight(string origin, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, key is null ? "/v1/trust/events" : $"/v1/trust/events?key={key}");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

}
