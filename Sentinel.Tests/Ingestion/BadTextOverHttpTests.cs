using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Tests.Domain.Analytics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// <c>POST /v1/events/batch</c> with text that is not valid Unicode: the event is refused by index, field and
/// reason, the rest is accepted and stored by the worker, and no body of any kind gets a 500.
/// </summary>
public sealed class BadTextOverHttpTests
{
    private static readonly DateTime Start = DateTime.UtcNow.AddMinutes(-20);

    [Theory]
    [InlineData("userAgent")]
    [InlineData("consumerId")]
    [InlineData("route")]
    [InlineData("error")]
    [InlineData("environment")]
    [InlineData("ip")]
    [InlineData("sdk.name")]
    [InlineData("header value")]
    public async Task ALoneSurrogateEscape_RejectsOnlyItsEvent_AndTheOthersAreStored(string target)
    {
        await using var app = SentinelApp.Embedded().Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var (_, place, field) = BadTextTests.Targets.Single(t => t.Name == target);

        var response = await client.SendAsync(Request(key, BadTextTests.BodyWith(place, Encoding.ASCII.GetBytes(@"\ud800"), seed: 1, Start), gzip: false));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal((1, field), (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()));
        Assert.StartsWith("must be valid Unicode", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await app.WaitForStoredAsync(project.Id, Start, 2)).Totals.Requests);
    }

    /// <summary>
    /// Generated bodies (bad text anywhere in an event, bytes written over a batch, too many events, gzip or not)
    /// through HTTP: always 202, 400 or 413; errors are problem+json with their status; and the worker stores what
    /// was accepted (a batch it could not read would never arrive).
    /// </summary>
    [Fact]
    public async Task AnyBody_Answers202Or400Or413_WithProblemDetails_NeverA500()
    {
        await using var app = SentinelApp.Embedded(settings: new Dictionary<string, string?>
        {
            ["Ingest:BatchesPerKeyPerSecond"] = "100000",
            ["Ingest:MaxEventsPerBatch"] = "3",
        }).Start();
        var project = await app.CreateProjectAsync("Shop");
        var key = await app.CreateKeyAsync(project.Id);
        using var client = app.CreateClient();
        var seed = 1000;
        var badText = Gen.Elements(BadTextTests.Targets).Zip(JsonText.Generator)
            .Select(t => BadTextTests.BodyWith(t.Item1.Place, t.Item2.Json, seed++, Start));
        var overwritten = Gen.ListOf(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 255))).Select(edits =>
        {
            var body = Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(3, seed++, Start)));
            foreach (var (at, value) in edits.Take(6))
            {
                body[at % body.Length] = (byte)value;
            }

            return body;
        });
        var tooMany = Gen.Constant(0).Select(_ => Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(4, seed++, Start))));
        var bodies = Gen.Frequency((6, badText), (3, overwritten), (1, tooMany)).Zip(Gen.Elements(false, true)).Sample(20, 150).ToList();

        // One of each answer for certain, so the check below that all three were seen cannot depend on the draw.
        bodies.Add((Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(2, seed++, Start))), false));
        bodies.Add((Encoding.UTF8.GetBytes("{\"events\": 3}"), true));
        bodies.Add((Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(4, seed++, Start))), false));

        var accepted = 0;
        var statuses = new HashSet<HttpStatusCode>();
        foreach (var (body, gzip) in bodies)
        {
            using var response = await client.SendAsync(Request(key, body, gzip));
            var text = await response.Content.ReadAsStringAsync();
            var what = $"{(int)response.StatusCode} for {Encoding.UTF8.GetString(body)}: {text}";
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, what);
            statuses.Add(response.StatusCode);
            var answer = JsonDocument.Parse(text).RootElement;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                accepted += answer.GetProperty("accepted").GetInt32();
            }
            else
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
                Assert.Equal((int)response.StatusCode, answer.GetProperty("status").GetInt32());
            }
        }

        Assert.Equal(3, statuses.Count);
        Assert.Equal(accepted, (await app.WaitForStoredAsync(project.Id, Start, accepted)).Totals.Requests);
    }

    private static HttpRequestMessage Request(string key, byte[] body, bool gzip)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events/batch");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(body);
            }

            body = compressed.ToArray();
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        return request;
    }
}
