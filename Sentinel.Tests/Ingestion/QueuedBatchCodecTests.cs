using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Ingestion;

/// <summary>
/// The queue entry format (ADR 029): rows round-trip plain and compressed for any events, entries that earlier
/// versions queued still decode into the same rows, and a damaged entry is refused rather than misread.
/// </summary>
public sealed class QueuedBatchCodecTests
{
    /// <summary>
    /// An entry queued by the version before rows (ADR 012's zlib JSON, written by zlib outside .NET): two events,
    /// one with escapes (é and a surrogate pair) and one relying on defaults (route, environment, unix-ms time).
    /// </summary>
    private const string StoredZlibEntry =
        "PSwbCl9OYUCCc5SltsfY6XouAgAAeAFVUctOwzAQ/JXKJ5Aa13ZaKLmBhBAHVKRy4nEwydIYEjv4Uamq+u+MoZVCDpF2vDs7O/OyZ6ZhFetoo+tdIdmURdNTiLofACuhLgopCzV/EstKLqpScLUQz2jrKbYujz6u1k+oWxciKj0YHlo38AgSwIOOLeCZ8w35MJOXwLxLkUbg3jQHwFgaU2CVEnLKmuR1NM4+AJCKLzBF3wmcNzsws6qUIkNhcDbQEZNCzaesBpJ68vdZXJ1CdCiKEgvM30klF1zKkl8BSoH89YZslp5lF717Nx3N5lxNzsxqPZHL8yyt+WLVnlndZ90B/cZSV1jXEF63uAxS8QJiLtgBbpDO9+YhXdc0/FkzdKb+vWr2GdCPPvLe+axTf7wmIehq8pqaZdngTyIz/c9HYdsoH3l5MRenbxTJ3e0okRYzpxQgq0MeY69h49hrwUuoslvjne2PvkS9MXbDDm8/riWr6Q==";

    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly bool[] PlainAndCompressed = [false, true];
    private static readonly byte[] Flips = [0x01, 0x80, 0xFF];

    /// <summary>Text with what a row must carry unchanged: quotes, backslashes, controls, NUL, 2- to 4-byte UTF-8.</summary>
    private static readonly Gen<string> Text =
        Gen.ListOf(Gen.Elements("a", "Z", "0", " ", "\"", "\\", "\n", "\u0000", "\u007f", "é", "中", "😀", "/orders/{id}"))
            .Select(parts => string.Concat(parts));

    private static readonly Gen<ApiEvent> AnyEvent =
        from project in ArbMap.Default.GeneratorFor<Guid>()
        from id in Text
        from seconds in Gen.Choose(0, int.MaxValue)
        from environment in Text
        from method in Text
        from host in Text
        from path in Text
        from route in Text
        from status in Gen.Choose(100, 599)
        from duration in Gen.Choose(0, int.MaxValue).Select(n => n / 597.0)
        from requestBytes in Gen.Choose(0, int.MaxValue).Select(n => (long)n * 4_294_967L)
        from responseBytes in Gen.Choose(0, int.MaxValue)
        from consumer in Text
        from ip in Text
        from userAgent in Text
        from sdk in Text.Zip(Text)
        from headers in Text
        from error in Text
        select new ApiEvent
        {
            ProjectId = project,
            Id = id,
            Timestamp = DateTime.UnixEpoch.AddSeconds(seconds),
            Environment = environment,
            Method = method,
            Host = host,
            Path = path,
            Route = route,
            Status = status,
            DurationMs = duration,
            RequestBytes = requestBytes,
            ResponseBytes = responseBytes,
            ConsumerId = consumer,
            Ip = ip,
            UserAgent = userAgent,
            SdkName = sdk.Item1,
            SdkVersion = sdk.Item2,
            HeadersJson = headers,
            Error = error,
        };

    [Fact]
    public void AnyEvents_RoundTripAsRows_PlainAndCompressed() =>
        Prop.ForAll(Gen.ListOf(AnyEvent).Select(list => list.ToList()).ToArbitrary(), events =>
        {
            var batch = new QueuedBatch(Guid.NewGuid(), ApiEventRows.From(events));
            foreach (var compress in PlainAndCompressed)
            {
                var decoded = QueuedBatchCodec.TryDecode(QueuedBatchCodec.Encode(batch, compress));
                Assert.NotNull(decoded);
                Assert.Equal(batch.ProjectId, decoded.ProjectId);
                Assert.Equal(events, decoded.Rows.ToEvents());
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void AnEntryStoredByThePreviousVersion_DecodesIntoRows_WithEveryField()
    {
        var batch = QueuedBatchCodec.TryDecode(Convert.FromBase64String(StoredZlibEntry));

        Assert.NotNull(batch);
        Assert.Equal(Guid.Parse("0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9"), batch.ProjectId);
        var events = batch.Rows.ToEvents();
        Assert.Equal(2, events.Count);
        Assert.Equal(
            new ApiEvent
            {
                ProjectId = batch.ProjectId,
                Id = "legacy-1",
                Timestamp = new DateTime(2026, 11, 24, 8, 15, 30, DateTimeKind.Utc),
                Environment = "production",
                Method = "POST",
                Host = "api.shop.test",
                Path = "/orders/17",
                Route = "/orders/{id}",
                Status = 201,
                DurationMs = 12.5,
                RequestBytes = 310,
                ResponseBytes = 1024,
                ConsumerId = "customer-3",
                Ip = "203.0.113.9",
                UserAgent = "shop-mobile/4.2 (iOS 18)",
                SdkName = "sentinel-node",
                SdkVersion = "0.1.0",
                HeadersJson = """{"accept":"application/json"}""",
                Error = "café 😀",
            },
            events[0]);
        Assert.Equal(("legacy-2", "/health", "staging", DateTime.UnixEpoch.AddSeconds(1_764_000_000)), (events[1].Id, events[1].Route, events[1].Environment, events[1].Timestamp));
    }

    [Fact]
    public void EntriesOfEitherEarlierFormat_DecodeIntoTheRowsTheEndpointWouldQueueToday()
    {
        var project = Guid.NewGuid();
        var events = TestEvents.Generate(50, seed: 29, Start);
        var json = Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString());
        var today = new ApiEventReader(Start, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7)).CheckBatch(Encoding.UTF8.GetBytes(TestEvents.Body(events)), 1000, project).Rows;

        foreach (var entry in new[] { LegacyQueueEntries.ZlibJson(project, json), LegacyQueueEntries.PlainJson(project, json) })
        {
            var decoded = QueuedBatchCodec.TryDecode(entry);
            Assert.NotNull(decoded);
            Assert.Equal(50, decoded.Rows.Count);
            Assert.Equal(Convert.ToHexString(today.Bytes.Span), Convert.ToHexString(decoded.Rows.Bytes.Span));
        }
    }

    [Fact]
    public void AnOldEntryWithAnEventThatFailsItsChecks_IsUndecodable()
    {
        var json = """[{"id":"a","timestamp":0,"method":"get","host":"h","path":"/","status":200,"durationMs":1}]"""u8.ToArray();

        Assert.Null(QueuedBatchCodec.TryDecode(LegacyQueueEntries.ZlibJson(Guid.NewGuid(), json)));
        Assert.Null(QueuedBatchCodec.TryDecode(LegacyQueueEntries.PlainJson(Guid.NewGuid(), json)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTruncationAndEveryChangedByte_IsRefusedOrReadAsTheSameRows_NeverMisread(bool compress)
    {
        var project = Guid.NewGuid();
        var rows = ApiEventRows.From(TestEvents.AsStored(TestEvents.Generate(3, seed: 5, Start), project));
        var entry = QueuedBatchCodec.Encode(new QueuedBatch(project, rows), compress);
        var original = Convert.ToHexString(rows.Bytes.Span);
        Assert.Equal(original, Convert.ToHexString(QueuedBatchCodec.TryDecode(entry)!.Rows.Bytes.Span));

        for (var length = 0; length < entry.Length; length++)
        {
            Assert.Null(QueuedBatchCodec.TryDecode(entry[..length]));
        }

        Assert.Null(QueuedBatchCodec.TryDecode([.. entry, 0]));
        for (var at = 0; at < entry.Length; at++)
        {
            foreach (var flip in Flips)
            {
                var damaged = entry.ToArray();
                damaged[at] ^= flip;
                // Refused, or (a changed match offset that points at equal bytes) the very same rows: never other rows.
                var decoded = QueuedBatchCodec.TryDecode(damaged);
                Assert.True(decoded is null || (decoded.ProjectId == project && Convert.ToHexString(decoded.Rows.Bytes.Span) == original), $"byte {at} ^ 0x{flip:X2} was read as other rows");
            }
        }
    }

    [Fact]
    public void AnyBytes_DecodeOrAreRefused_WithoutThrowing() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<byte[]>().Zip(Gen.Elements((byte)'R', (byte)'z', (byte)'[', (byte)0)).ToArbitrary(), input =>
        {
            var (tail, format) = input;
            byte[] bytes = [.. Guid.Empty.ToByteArray(), format, .. tail];
            _ = QueuedBatchCodec.TryDecode(bytes);
            _ = QueuedBatchCodec.TryDecode(tail);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));

    [Fact]
    public void Rows_ThatAreNotExactlyTheirCountOfValidRows_AreRefused()
    {
        var rows = ApiEventRows.From(TestEvents.AsStored(TestEvents.Generate(2, seed: 6, Start), Guid.NewGuid()));
        var badUtf8 = ApiEventRows.From([TestEvents.AsStored(TestEvents.Generate(1, seed: 7, Start), Guid.NewGuid())[0] with { Error = "ab" }]).Bytes.ToArray();
        badUtf8[^1] = 0xC3; // the last byte of the last string: "a" then a lead byte with nothing after it

        Assert.NotNull(ApiEventRows.TryRead(rows.Bytes, 2));
        Assert.Null(ApiEventRows.TryRead(rows.Bytes, 1));
        Assert.Null(ApiEventRows.TryRead(rows.Bytes, 3));
        Assert.Null(ApiEventRows.TryRead(rows.Bytes[..^1], 2));
        Assert.Null(ApiEventRows.TryRead(badUtf8, 1));
    }
}
