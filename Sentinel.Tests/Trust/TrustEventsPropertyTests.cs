using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Trust;

/// <summary>
/// Whatever a page (or anyone holding the publishable key) sends to POST /v1/trust/events, the answer is a 200 with an
/// action or a ProblemDetails 400/413: never a 500. Bodies are generated from the contract's own field names and
/// values, mixed with wrong types, deep nesting and truncation.
/// </summary>
public sealed class TrustEventsPropertyTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly string[] Names = ["sessionId", "userId", "events", "t", "type", "x", "y", "key", "zone", "field", "button", "isTrusted", "other", ""];

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements<bool>(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Choose(-1000, 100_000).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Elements(0.5, -0.0, 1e308, -1e308, 5e-324, 3.5e38, 1234.56, 1e10).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements("", "mousemove", "keydown", "keyup", "click", "wheel", "letter", "enter", "password", "PASSWORD", "sess-ok-12345", "short", "\u0000", "é", new string('a', 300), "ALLOW")
            .Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Node(int depth) => depth <= 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (2, Gen.Choose(0, 6).SelectMany(n => Gen.ListOf(Gen.Elements(Names).Zip(Node(depth - 1)), n)).Select(Object)),
            (1, Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Node(depth - 1), n)).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))));

    /// <summary>A valid mouse move with one field replaced by anything (or left alone).</summary>
    private static readonly Gen<JsonNode?> AlmostValid =
        from name in Gen.Elements(Names)
        from value in Leaf
        from spoil in Gen.Elements(true, false)
        select Object(new (string, JsonNode?)[] { ("t", 10), ("type", "mousemove"), ("x", 1.5), ("y", 2), ("isTrusted", true) }
            .Select(p => spoil && p.Item1 == name ? (p.Item1, value) : p));

    /// <summary>Mostly batch-shaped: a session id (good or not) and events whose fields are drawn from the contract or broken.</summary>
    private static readonly Gen<string> Body = Gen.Frequency(
        (3, from sessionId in Gen.Elements<JsonNode?>("session-0001", "s", null, 12, "bad id!")
            from events in Gen.ListOf(Gen.OneOf(Gen.ListOf(Gen.Elements(Names).Zip(Leaf)).Select(Object), AlmostValid))
            from extra in Node(2)
            select new JsonObject { ["sessionId"] = sessionId?.DeepClone(), ["events"] = new JsonArray([.. events.Select(e => e?.DeepClone())]), ["other"] = extra?.DeepClone() }.ToJsonString()),
        (2, Node(3).Select(n => n?.ToJsonString() ?? "null")),
        (1, from node in Node(3)
            from cut in Gen.Choose(0, 100)
            let text = node?.ToJsonString() ?? "null"
            select text[..(text.Length * cut / 100)]));

    private readonly SentinelApp _app = fixture.Instance;

    [Fact]
    public async Task AnyBody_IsAnsweredWithAnActionOrAProblem_NeverA500()
    {
        var (_, publishable, _) = await TrustWire.ProjectAsync(_app);
        using var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        Prop.ForAll(Body.ToArbitrary(), body =>
        {
            var response = client.SendAsync(TrustWire.Post(publishable, body)).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            statuses.Add(response.StatusCode);
            var ok = response.StatusCode switch
            {
                HttpStatusCode.OK => TrustWire.Action(text) is "ALLOW" or "CHALLENGE" or "BLOCK",
                HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge => response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                _ => false,
            };
            return ok.Label($"{(int)response.StatusCode} {text} for {body}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

        // The generator reaches both sides of the contract, so the property is not only about refusals.
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.BadRequest, statuses);
    }

    private static JsonNode? Object(IEnumerable<(string Name, JsonNode? Value)> properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }
}
