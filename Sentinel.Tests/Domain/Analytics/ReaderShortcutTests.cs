using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sentinel.Domain.Analytics;
using Sentinel.Tests.Support;

namespace Sentinel.Tests.Domain.Analytics;

/// <summary>
/// The reader's shortcuts for the common case (ADR 029, CPU per event) give the answers of the general code they
/// stand in front of: field names told by length and first letter, dotted-quad IPv4 told from the bytes, whole
/// numbers through the integer parser, and the endpoint's pooled row buffer handed back after the batch is queued.
/// </summary>
public sealed class ReaderShortcutTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ApiEventReader Reader = new(Now, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

    private static readonly string[] FieldNames =
    [
        "id", "timestamp", "method", "host", "path", "route", "status", "durationMs", "requestBytes", "responseBytes",
        "environment", "ip", "sdk", "headers", "consumerId", "userAgent", "error",
    ];

    [Fact]
    public void EveryFieldName_IsItsField_AndEveryNearMiss_IsUnknown()
    {
        for (var i = 0; i < FieldNames.Length; i++)
        {
            var name = FieldNames[i];
            Assert.Equal((EventField)i, EventFields.Of(Encoding.UTF8.GetBytes(name)));
            Assert.Equal(name, EventFields.Name((EventField)i));

            // Same length and first letter with one other letter changed, other case, one letter more or less.
            for (var at = 0; at < name.Length; at++)
            {
                var changed = name.ToCharArray();
                changed[at] = changed[at] == 'x' ? 'y' : 'x';
                Assert.Equal(EventField.Unknown, EventFields.Of(Encoding.UTF8.GetBytes(changed)));
            }

            Assert.Equal(EventField.Unknown, EventFields.Of(Encoding.UTF8.GetBytes(name.ToUpperInvariant())));
            Assert.Equal(EventField.Unknown, EventFields.Of(Encoding.UTF8.GetBytes(name + "s")));
            Assert.Equal(EventField.Unknown, EventFields.Of(Encoding.UTF8.GetBytes(name[..^1])));
        }

        Assert.Equal(EventField.Unknown, EventFields.Of([]));
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData(".1.2.3.4")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1234.1.1.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("")]
    public void IpAddresses_AreAcceptedExactlyWhenTheParserTakesThem(string text) =>
        Assert.Equal(IPAddress.TryParse(text, out _), JsonTokens.IsIpAddress(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void AnyShortTextOfDigitsDotsAndColons_IsAnIpAddressExactlyWhenTheParserTakesIt() =>
        Prop.ForAll(Gen.ListOf(Gen.Elements("0123456789.:af x".ToCharArray())).Select(c => new string([.. c.Take(24)])).ToArbitrary(), text =>
            (JsonTokens.IsIpAddress(Encoding.UTF8.GetBytes(text)) == IPAddress.TryParse(text, out _)).Label(text))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    /// <summary>Numbers of every length up to 19 digits, whole or not, signed or not: the value the reader's double parser gives.</summary>
    [Fact]
    public void WholeNumbers_ReadAsTheDoubleParserReadsThem() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue)).Zip(Gen.Choose(0, 62)).Zip(Gen.Elements("", "", "-", ".0", "e0", ".5")).ToArbitrary(), input =>
        {
            var (((high, low), bits), suffix) = input;
            var digits = (((long)high << 31 | (uint)low) >> (62 - bits)).ToString(CultureInfo.InvariantCulture);
            var literal = suffix == "-" ? "-" + digits : digits + suffix;
            var bytes = Encoding.UTF8.GetBytes(literal);
            var general = new Utf8JsonReader(bytes);
            general.Read();
            Assert.True(general.TryGetDouble(out var expected));
            var json = new Utf8JsonReader(bytes);
            json.Read();
            var faults = new EventFaults(0, []);
            var read = JsonTokens.Number(ref json, ref faults, "n", double.MinValue, double.MaxValue);
            return (read is { } value && BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(expected)).Label(literal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    [Fact]
    public void MinusZero_StaysMinusZero()
    {
        var json = new Utf8JsonReader("-0"u8);
        json.Read();
        var faults = new EventFaults(0, []);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0d), BitConverter.DoubleToInt64Bits(JsonTokens.Number(ref json, ref faults, "n", 0, 1)!.Value));
    }

    [Fact]
    public void ADisposedBatchsBuffer_ServesTheNextBatch_WithoutChangingWhatWasCopied()
    {
        var start = Now.AddHours(-1);
        var first = Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(50, seed: 31, start)));
        var second = Encoding.UTF8.GetBytes(TestEvents.Body(TestEvents.Generate(50, seed: 32, start)));
        var project = Guid.NewGuid();
        var expectedSecond = Reader.CheckBatch(second, 1000, project).Rows.Bytes.ToArray(); // not disposed: its own buffer

        byte[] copied;
        using (var batch = Reader.CheckBatch(first, 1000, project))
        {
            copied = batch.Rows.Bytes.ToArray(); // what a queue does before the endpoint disposes the batch
        }

        for (var i = 0; i < 20; i++)
        {
            using var next = Reader.CheckBatch(second, 1000, project);
            Assert.Equal(expectedSecond, next.Rows.Bytes.ToArray());
        }

        Assert.Equal(Reader.CheckBatch(first, 1000, project).Rows.Bytes.ToArray(), copied);
    }
}
