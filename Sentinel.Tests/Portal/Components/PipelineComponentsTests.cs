using System.Text;
using Bunit;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Web.Components.Pages.Pipeline;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The pipeline page's pieces: a dead letter's card (escaped, bounded preview; its actions) and how numbers are written.</summary>
public sealed class PipelineComponentsTests : PortalComponentTest
{
    private static DeadLetter Letter(byte[] raw, string reason = "The entry cannot be decoded.") =>
        new("1732540000000-0", "1732530000000-0", reason, raw, new DateTimeOffset(2026, 11, 25, 13, 14, 15, TimeSpan.Zero));

    [Fact]
    public void AMarkupBody_IsShownAsText_NoElementIsMadeOfIt()
    {
        var card = Render<DeadLetterCard>(p => p.Add(c => c.Letter, Letter("<script>alert(1)</script><b>x</b>"u8.ToArray(), "<img src=x onerror=alert(1)>")));

        Assert.Empty(card.FindAll("script"));
        Assert.Empty(card.FindAll("img"));
        Assert.Empty(card.FindAll("pre b"));
        Assert.Equal("<script>alert(1)</script><b>x</b>", card.Find("[data-testid=dead-letter-preview]").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", card.Find("[data-testid=dead-letter-reason]").TextContent);
        Assert.Contains("2026-11-25 13:14:15 UTC", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ABinaryBody_IsAHexDump_AndMarkedCut()
    {
        var card = Render<DeadLetterCard>(p => p.Add(c => c.Letter, Letter([.. Enumerable.Repeat((byte)0xff, 1000)])));

        var preview = card.Find("[data-testid=dead-letter-preview]").TextContent;
        Assert.StartsWith("0000  ff ff", preview, StringComparison.Ordinal);
        Assert.EndsWith(" …", preview, StringComparison.Ordinal);
        Assert.Contains("binary", card.Markup, StringComparison.Ordinal);
        Assert.Contains("1000 B", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheButtons_HandTheLetterToThePage()
    {
        DeadLetter? redriven = null, discarded = null;
        var letter = Letter(Encoding.UTF8.GetBytes("not a batch"));
        var card = Render<DeadLetterCard>(p => p
            .Add(c => c.Letter, letter)
            .Add(c => c.OnRedrive, l => redriven = l)
            .Add(c => c.OnDiscard, l => discarded = l));

        card.Find("[data-testid=dead-letter-redrive]").Click();
        card.Find("[data-testid=dead-letter-discard]").Click();

        Assert.Same(letter, redriven);
        Assert.Same(letter, discarded);
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(0.0, "0/s")]
    [InlineData(0.04, "0/s")]
    [InlineData(2.24, "2.2/s")]
    [InlineData(9.96, "10.0/s")]
    [InlineData(12_345.6, "12,346/s")]
    public void Rates_AreWrittenForTheirSize(double? perSecond, string expected) => Assert.Equal(expected, PipelineFormat.Rate(perSecond));

    [Theory]
    [InlineData(-5, "0 s")]
    [InlineData(42, "42 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(7620, "2 h 07 min")]
    [InlineData(273_600, "3 d 04 h")]
    public void Ages_ShowTheirTwoLargestUnits(int seconds, string expected) => Assert.Equal(expected, PipelineFormat.Age(TimeSpan.FromSeconds(seconds)));
}
