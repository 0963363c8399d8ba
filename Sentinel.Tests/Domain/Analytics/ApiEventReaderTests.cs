using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Domain.Analytics;

public sealed class ApiEventReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = Now.AddHours(-1);
    private static readonly Guid Project = Guid.Parse("6f9b7c1e-0000-4000-8000-000000000001");
    private static readonly ApiEventReader Reader = new(Now, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

    [Fact]
    public void AValidEvent_IsReadWithEveryField()
    {
        var body = """
            {"events":[{"id":"evt-1","timestamp":"2026-11-22T11:30:00.250Z","method":"POST","host":"api.shop.test",
              "path":"/orders/17","route":"/orders/{id}","status":201,"durationMs":12.5,"requestBytes":300,"responseBytes":1200,
              "consumerId":"customer-3","ip":"2001:db8::1","userAgent":"shop/1.0","environment":"staging","error":"",
              "sdk":{"name":"sentinel-node","version":"0.1.0"},"headers":{"accept":"application/json"},"extra":{"ignored":[1,2]}}]}
            """;

        var batch = Check(body);
        var stored = Assert.Single(ReadBack(batch, body));

        Assert.Equal((CheckedBatch.Outcome.Ok, 1, 0), (batch.Result, batch.Accepted, batch.Rejected));
        Assert.Equal(
            new ApiEvent
            {
                ProjectId = Project,
                Id = "evt-1",
                Timestamp = new DateTime(2026, 11, 22, 11, 30, 0, 250, DateTimeKind.Utc),
                Method = "POST",
                Host = "api.shop.test",
                Path = "/orders/17",
                Route = "/orders/{id}",
                Status = 201,
                DurationMs = 12.5,
                RequestBytes = 300,
                ResponseBytes = 1200,
                ConsumerId = "customer-3",
                Ip = "2001:db8::1",
                UserAgent = "shop/1.0",
                Environment = "staging",
                SdkName = "sentinel-node",
                SdkVersion = "0.1.0",
                HeadersJson = """{"accept":"application/json"}""",
                Error = "",
            },
            stored);
    }

    [Fact]
    public void Defaults_RouteIsThePath_EnvironmentIsProduction_TimestampMayBeUnixMilliseconds_OrLackAnOffset()
    {
        var body = """
            {"events":[{"id":"a","timestamp":1795262400000,"method":"GET","host":"h","path":"/x","status":200,"durationMs":1},
                       {"id":"b","timestamp":"2026-11-22 11:00:00","method":"GET","host":"h","path":"/y","route":null,"status":200,"durationMs":0}]}
            """;

        var stored = ReadBack(Check(body), body);

        Assert.Equal(["/x", "/y"], stored.Select(e => e.Route));
        Assert.All(stored, e => Assert.Equal("production", e.Environment));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1795262400000), stored[0].Timestamp);
        Assert.Equal(new DateTime(2026, 11, 22, 11, 0, 0, DateTimeKind.Utc), stored[1].Timestamp);
    }

    [Theory]
    [InlineData("status", "42", "status", "must be between 100 and 599.")]
    [InlineData("status", "200.5", "status", "must be a whole number.")]
    [InlineData("status", "\"200\"", "status", "must be a number.")]
    [InlineData("durationMs", "-1", "durationMs", "must be between 0 and 3600000.")]
    [InlineData("durationMs", "null", "durationMs", "is required.")]
    [InlineData("method", "\"get\"", "method", "must be an upper-case HTTP method such as GET.")]
    [InlineData("method", "\"\"", "method", "must not be empty.")]
    [InlineData("path", "\"orders\"", "path", "must start with '/'.")]
    [InlineData("id", "{\"nested\":true}", "id", "must be a string.")]
    [InlineData("timestamp", "\"yesterday\"", "timestamp", "must be an ISO 8601 date-time or Unix milliseconds.")]
    [InlineData("timestamp", "\"2026-11-22T12:30:00Z\"", "timestamp", "is more than 5 minutes in the future.")]
    [InlineData("timestamp", "\"2026-11-01T12:00:00Z\"", "timestamp", "is older than 7 days.")]
    [InlineData("timestamp", "-5", "timestamp", "is out of range.")]
    [InlineData("environment", "\"prod env\"", "environment", "may only contain letters, digits, '-', '_' and '.'.")]
    [InlineData("ip", "\"300.1.1.1\"", "ip", "must be an IPv4 or IPv6 address.")]
    [InlineData("sdk", "\"node\"", "sdk", "must be an object with name and version.")]
    [InlineData("sdk", "{\"name\":7}", "sdk.name", "must be a string.")]
    [InlineData("headers", "[]", "headers", "must be an object of header names to string values.")]
    [InlineData("headers", "{\"x-count\":3}", "headers.x-count", "must be a string of at most 1024 characters.")]
    public void AFaultyField_RejectsItsEventWithTheFieldAndReason_AndKeepsTheOthers(string field, string json, string errorField, string reason)
    {
        var events = TestEvents.Generate(3, seed: 5, Start);
        events[1][field] = JsonNode.Parse(json);
        var body = TestEvents.Body(events);

        var batch = Check(body);

        Assert.Equal(new EventError(1, errorField, reason), Assert.Single(batch.Errors));
        Assert.Equal(["evt-5-0", "evt-5-2"], ReadBack(batch, body).Select(e => e.Id));
    }

    [Fact]
    public void TooLongText_IsMeasuredInCharacters_NotBytes()
    {
        var events = TestEvents.Generate(2, seed: 6, Start);
        events[0]["consumerId"] = new string('é', ApiEventLimits.ConsumerIdMaxLength); // 2 bytes each: fits
        events[1]["consumerId"] = new string('e', ApiEventLimits.ConsumerIdMaxLength + 1);

        var batch = Check(TestEvents.Body(events));

        Assert.Equal(new EventError(1, "consumerId", "must be at most 128 characters."), Assert.Single(batch.Errors));
        Assert.Equal(1, batch.Accepted);
    }

    [Fact]
    public void EscapedNamesAndValues_AreUnderstood_AndKeptAsSent()
    {
        var body = """
            {"events":[{"\u0069d":"evt-\u00e9","timestamp":"2026-11-22T11:00:00Z","method":"\u0047ET","host":"h","path":"\/a\"b","status":200,"durationMs":1,
                        "headers":{"x-note":"caf\u00e9"}}]}
            """;

        var stored = Assert.Single(ReadBack(Check(body), body));

        Assert.Equal(("evt-é", "GET", "/a\"b"), (stored.Id, stored.Method, stored.Path));
        Assert.Equal("""{"x-note":"caf\u00e9"}""", stored.HeadersJson);
    }

    [Fact]
    public void AFieldGivenTwice_IsRejected_NotSilentlyOverwritten()
    {
        var body = """{"events":[{"id":"a","id":"b","timestamp":"2026-11-22T11:00:00Z","method":"GET","host":"h","path":"/","status":200,"durationMs":1}]}""";

        Assert.Equal(new EventError(0, "id", "appears more than once."), Assert.Single(Check(body).Errors));
    }

    [Fact]
    public void AnElementThatIsNotAnObject_IsRejectedByIndex()
    {
        var events = TestEvents.Generate(2, seed: 7, Start).Cast<JsonNode?>().Append(JsonValue.Create(5)).ToList();
        var batch = Check(TestEvents.Body(events));

        Assert.Equal(new EventError(2, "", "An event must be a JSON object."), Assert.Single(batch.Errors));
        Assert.Equal((3, 2), (batch.Count, batch.Accepted));
    }

    [Theory]
    [InlineData("""{"events": [ {"id": """, CheckedBatch.Outcome.NotJson)]
    [InlineData("""{"events": []} trailing""", CheckedBatch.Outcome.NotJson)]
    [InlineData("""[{"id":"a"}]""", CheckedBatch.Outcome.NotAnEventsObject)]
    [InlineData("""{"items": []}""", CheckedBatch.Outcome.NotAnEventsObject)]
    [InlineData("""{"events": {}}""", CheckedBatch.Outcome.NotAnEventsObject)]
    [InlineData("""{"events": [], "events": []}""", CheckedBatch.Outcome.NotAnEventsObject)]
    [InlineData("""{"meta": {"a": [1]}, "events": []}""", CheckedBatch.Outcome.Empty)]
    public void BodiesThatAreNotABatch_AreRefusedWhole(string body, CheckedBatch.Outcome expected)
    {
        var batch = Check(body);

        Assert.Equal((expected, 0), (batch.Result, batch.Accepted));
    }

    [Fact]
    public void PastTheLimit_TheWholeBatchIsCounted_SoTheAnswerCanSayHowMany()
    {
        var batch = Reader.CheckBatch(Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(25, seed: 8, Start))), maxEvents: 20);

        Assert.Equal((CheckedBatch.Outcome.TooManyEvents, 25), (batch.Result, batch.Count));
    }

    [Fact]
    public void AQueuedArrayWithAnyInvalidEvent_IsNotReadAtAll()
    {
        var events = TestEvents.Generate(3, seed: 9, Start);
        events[2].Remove("host");
        var array = Encoding.UTF8.GetBytes(new JsonArray([.. events]).ToJsonString());

        Assert.Null(ApiEventReader.ForQueuedEvents.ReadQueued(array, Project));
        Assert.Null(ApiEventReader.ForQueuedEvents.ReadQueued("[{\"id\":"u8, Project));
        Assert.Null(ApiEventReader.ForQueuedEvents.ReadQueued("{}"u8, Project));
    }

    [Fact]
    public void AnyMixOfGoodAndBrokenEvents_QueuesExactlyTheGoodOnes_InOrder() =>
        Prop.ForAll(Gen.ListOf(Gen.Elements(Breakages)).ToArbitrary(), breaks =>
        {
            var events = TestEvents.Generate(breaks.Count, seed: 10, Start);
            for (var i = 0; i < breaks.Count; i++)
            {
                breaks[i](events[i]);
            }

            var body = TestEvents.Body(events);
            var batch = Check(body);
            var expected = events.Where(e => e["id"]?.GetValue<string>() is { } id && !id.StartsWith("broken", StringComparison.Ordinal)).Select(e => e["id"]!.GetValue<string>());
            var errorsPerEvent = batch.Errors.GroupBy(e => e.Index).Count();
            return batch.Count == breaks.Count
                && batch.Accepted + errorsPerEvent == batch.Count
                && (batch.Accepted == 0 || ReadBack(batch, body).Select(e => e.Id).SequenceEqual(expected));
        }).QuickCheckThrowOnFailure();

    private static readonly Action<JsonObject>[] Breakages =
    [
        _ => { },
        _ => { },
        e => { e["id"] = "broken-" + e["id"]; e.Remove("timestamp"); },
        e => { e["id"] = "broken-" + e["id"]; e["status"] = "200"; },
        e => { e["id"] = "broken-" + e["id"]; e["headers"] = new JsonObject { ["a"] = new JsonArray(1, 2) }; },
        e => { e["id"] = "broken-" + e["id"]; e["sdk"] = new JsonObject { ["version"] = new string('9', 65) }; },
        e => e["unknown"] = new JsonObject { ["deep"] = new JsonArray(new JsonObject { ["x"] = 1 }) },
    ];

    private static CheckedBatch Check(string body) => Reader.CheckBatch(Encoding.UTF8.GetBytes(body), maxEvents: 1000);

    private static List<ApiEvent> ReadBack(CheckedBatch batch, string body) =>
        ApiEventReader.ForQueuedEvents.ReadQueued(batch.ValidEventsJson(Encoding.UTF8.GetBytes(body)), Project)
        ?? throw new InvalidOperationException("The queued events did not read back.");
}
