using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Analytics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Domain.Analytics;

/// <summary>
/// Text that is not valid Unicode (a lone surrogate escape such as <c>"\ud800"</c>, or invalid UTF-8 bytes) in any
/// string of an event rejects that event with its index, field and reason; the rest of the batch is accepted, and
/// what was accepted reads back in the worker and encodes for every store. Before, it threw from the reader and the
/// endpoint lost the whole batch with a 500.
/// </summary>
public sealed class BadTextTests
{
    private const string Marker = "XMARKX";
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = Now.AddHours(-1);
    private static readonly Guid Project = Guid.Parse("6f9b7c1e-0000-4000-8000-000000000017");
    private static readonly ApiEventReader Reader = new(Now, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

    /// <summary>Where a text goes in the middle event, and the field named when it is refused.</summary>
    internal static readonly (string Name, Action<JsonObject> Place, string Field)[] Targets =
    [
        ("userAgent", e => e["userAgent"] = Marker, "userAgent"),
        ("consumerId", e => e["consumerId"] = Marker, "consumerId"),
        ("route", e => e["route"] = Marker, "route"),
        ("error", e => e["error"] = Marker, "error"),
        ("environment", e => e["environment"] = Marker, "environment"),
        ("ip", e => e["ip"] = Marker, "ip"),
        ("id", e => e["id"] = Marker, "id"),
        ("host", e => e["host"] = Marker, "host"),
        ("path", e => e["path"] = Marker, "path"),
        ("method", e => e["method"] = Marker, "method"),
        ("timestamp", e => e["timestamp"] = Marker, "timestamp"),
        ("sdk.name", e => e["sdk"] = new JsonObject { ["name"] = Marker, ["version"] = "1" }, "sdk.name"),
        ("sdk.version", e => e["sdk"] = new JsonObject { ["name"] = "n", ["version"] = Marker }, "sdk.version"),
        ("header value", e => e["headers"] = new JsonObject { ["x-bad"] = Marker }, "headers.x-bad"),
        ("header name", e => e["headers"] = new JsonObject { [Marker] = "v" }, "headers"),
        ("property name", e => e[Marker] = 1, ""),
        ("sdk property name", e => e["sdk"] = new JsonObject { [Marker] = "x", ["name"] = "n" }, ""),
        ("unknown nested value", e => e["extra"] = new JsonObject { ["deep"] = new JsonArray(Marker) }, ""),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Targets.Where(t => t.Field != ""))
        {
            foreach (var bad in BadTexts)
            {
                data.Add(target.Name, bad);
            }
        }

        return data;
    }

    /// <summary>Bad contents of a JSON string, as hex bytes between the quotes.</summary>
    private static readonly string[] BadTexts =
    [
        Hex(@"\ud800"), Hex(@"\uDFFF"), Hex(@"a\ud800b"), Hex(@"\ud800\u0041"), Hex(@"\udc00\ud800"), Hex(@"\ud83d"),
        "FF", "C328", "EDA080", "C0AF", "E282", Hex("x") + "80" + Hex(@"\n"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TextThatIsNotUnicode_RejectsItsEvent_WithFieldAndReason_AndKeepsTheOthers(string target, string badHex)
    {
        var (_, place, field) = Targets.Single(t => t.Name == target);
        var body = BodyWith(place, Convert.FromHexString(badHex), seed: 17);

        var batch = Reader.CheckBatch(body, maxEvents: 1000);

        Assert.Equal(CheckedBatch.Outcome.Ok, batch.Result);
        var error = Assert.Single(batch.Errors);
        var reason = target == "timestamp" ? "must be an ISO 8601 date-time or Unix milliseconds."
            : target == "header name" ? "names " + InvalidText
            : InvalidText;
        Assert.Equal(new EventError(1, field, reason), error);
        Assert.Equal(["evt-17-0", "evt-17-2"], ReadBack(batch, body).Select(e => e.Id));
    }

    [Theory]
    [InlineData("property name")]
    [InlineData("sdk property name")]
    [InlineData("unknown nested value")]
    public void TextThatIsNotUnicode_WhereNothingIsRead_IsIgnoredLikeAnyUnknownProperty(string target)
    {
        var (_, place, _) = Targets.Single(t => t.Name == target);
        var body = BodyWith(place, Encoding.ASCII.GetBytes(@"\ud800"), seed: 18);

        var batch = Reader.CheckBatch(body, maxEvents: 1000);

        Assert.Empty(batch.Errors);
        Assert.Equal(3, ReadBack(batch, body).Count);
    }

    [Fact]
    public void ATopLevelNameThatIsNotUnicode_IsIgnored_AndTheEventsAreRead()
    {
        var body = Encoding.UTF8.GetBytes("{\"\\ud800\":1," + TestEvents.Body(TestEvents.Generate(2, seed: 19, Start))[1..]);

        var batch = Reader.CheckBatch(body, maxEvents: 1000);

        Assert.Equal((CheckedBatch.Outcome.Ok, 2), (batch.Result, batch.Accepted));
    }

    /// <summary>
    /// Any string content in any place: the reader never throws, the events around it are always accepted, an
    /// event is refused exactly when its stored text is not valid Unicode (checked against an independent decoder),
    /// and whatever is accepted reads back in the worker with the very text sent and encodes as RowBinary and NDJSON.
    /// </summary>
    [Fact]
    public void AnyStringContent_AnywhereInAnEvent_NeverThrows_AndOnlyInvalidTextIsRefused() =>
        Prop.ForAll(Gen.Elements(Targets).Zip(JsonText.Generator).ToArbitrary(), input =>
        {
            var ((name, place, field), text) = input;
            var body = BodyWith(place, text.Json, seed: 20);
            var batch = Reader.CheckBatch(body, maxEvents: 1000);
            var stored = ReadBack(batch, body);
            Encode(stored);

            var othersKept = batch.Result == CheckedBatch.Outcome.Ok
                && batch.Errors.All(e => e.Index == 1)
                && stored.Select(e => e.Id).Intersect(["evt-20-0", "evt-20-2"]).Count() == 2;
            if (field == "")
            {
                return othersKept.Label($"{name}: others kept");
            }

            var middle = stored.FirstOrDefault(e => e.Id is not ("evt-20-0" or "evt-20-2"));
            var expected = text.Expected;
            var refusedAsInvalid = batch.Errors.Any(e => e.Field == field && (e.Reason.EndsWith(InvalidText, StringComparison.Ordinal) || name == "timestamp"));
            var verdict = expected is null
                ? middle is null && refusedAsInvalid
                : !refusedAsInvalid || name == "timestamp";
            var sameText = middle is null || name is not ("userAgent" or "consumerId" or "route" or "error" or "id" or "host" or "path" or "sdk.name" or "sdk.version")
                || TextOf(middle, name) == (name == "route" && expected == "" ? middle.Path : expected); // an empty route means "the path"
            return (othersKept && verdict && sameText).Label($"{name}: kept {othersKept}, verdict {verdict}, same text {sameText}, errors {string.Join("; ", batch.Errors)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    /// <summary>Arbitrary bytes written over a valid body: the reader answers (an outcome, errors) and never throws.</summary>
    [Fact]
    public void AnyBytesOverAValidBody_NeverThrow_AndWhatIsAcceptedReadsBack() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 255))).ToArbitrary(), edits =>
        {
            var body = Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(4, seed: 21, Start)));
            foreach (var (at, value) in edits.Take(8))
            {
                body[at % body.Length] = (byte)value;
            }

            var batch = Reader.CheckBatch(body, maxEvents: 1000);
            var stored = batch.Result == CheckedBatch.Outcome.Ok ? ReadBack(batch, body) : [];
            Encode(stored);
            return batch.Result != CheckedBatch.Outcome.Ok
                || (stored.Count == batch.Accepted && batch.Accepted + batch.Errors.Select(e => e.Index).Distinct().Count() == batch.Count);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    /// <summary>What the worker does with what it read: the rows for ClickHouse and for Tinybird (which refuses invalid UTF-16).</summary>
    private static void Encode(List<ApiEvent> stored)
    {
        if (stored.Count > 0)
        {
            EventRows.ToNdjson(ApiEventRows.From(stored));
        }
    }

    private static string InvalidText => "must be valid Unicode: UTF-8, and a \\uD800-\\uDFFF escape only as half of a surrogate pair.";

    private static string TextOf(ApiEvent e, string name) => name switch
    {
        "userAgent" => e.UserAgent,
        "consumerId" => e.ConsumerId,
        "route" => e.Route,
        "error" => e.Error,
        "id" => e.Id,
        "host" => e.Host,
        "path" => e.Path,
        "sdk.name" => e.SdkName,
        _ => e.SdkVersion,
    };

    /// <summary>Three events; the middle one gets <paramref name="content"/> (raw JSON string content) where <paramref name="place"/> puts the marker.</summary>
    internal static byte[] BodyWith(Action<JsonObject> place, byte[] content, int seed, DateTime? start = null)
    {
        var events = TestEvents.Generate(3, seed, start ?? Start);
        place(events[1]);
        var json = Encoding.UTF8.GetBytes(TestEvents.Body(events));
        var marker = Encoding.ASCII.GetBytes(Marker);
        var at = json.AsSpan().IndexOf(marker);
        return [.. json[..at], .. content, .. json[(at + marker.Length)..]];
    }

    /// <summary>What the workers get: the rows the check encoded, which must read back whole, and equal what the queued JSON of older versions reads as.</summary>
    private static List<ApiEvent> ReadBack(CheckedBatch batch, byte[] body)
    {
        if (batch.Accepted == 0)
        {
            return [];
        }

        var rows = ApiEventRows.TryRead(batch.Rows.Bytes, batch.Rows.Count)
            ?? throw new InvalidOperationException("The rows the endpoint encoded did not read back in the worker.");
        var fromJson = ApiEventReader.ForQueuedEvents.ReadQueuedRows(batch.ValidEventsJson(body), Guid.Empty)
            ?? throw new InvalidOperationException("What the endpoint accepted did not read back as JSON.");
        Assert.Equal(Convert.ToHexString(fromJson.Bytes.Span), Convert.ToHexString(rows.Bytes.Span));
        return rows.ToEvents();
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
}
