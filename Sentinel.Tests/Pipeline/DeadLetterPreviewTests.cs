using System.Text;
using Sentinel.Domain.Analytics;
using Sentinel.Domain.Analytics.Rows;
using Sentinel.Infrastructure.Ingestion;
using Sentinel.Infrastructure.Pipeline;

namespace Sentinel.Tests.Pipeline;

/// <summary>The dead-letter preview is bounded whatever the entry's size, never decodes non-UTF-8 as text, and makes invisible characters visible.</summary>
public sealed class DeadLetterPreviewTests
{
    private static readonly Guid Project = Guid.Parse("5b0c8a56-2f0e-4a4e-9a43-1f2d3c4b5a69");

    [Fact]
    public void ADecodableBatch_ShowsItsProject_ItsEventCount_AndItsFirstEventsAsLines()
    {
        var events = Enumerable.Range(0, 50).Select(i => new ApiEvent
        {
            ProjectId = Project,
            Id = $"evt-{i}\u202e",
            Timestamp = new DateTime(2026, 11, 25, 10, 0, i, DateTimeKind.Utc),
            Environment = "production",
            Method = "GET",
            Host = "api.shop.example",
            Path = "/api/products/7",
            Route = "/api/products/{id}",
            Status = 200 + i,
            DurationMs = 12.5,
        }).ToList();
        var raw = QueuedBatchCodec.Encode(new QueuedBatch(Project, ApiEventRows.From(events)), compress: true);

        var preview = DeadLetterPreview.Of(raw);

        Assert.Equal(PreviewKind.Batch, preview.Kind);
        Assert.Equal(Project, preview.ProjectId);
        Assert.Equal(raw.Length, preview.TotalBytes);
        var lines = preview.Text.Split('\n');
        Assert.Equal("50 events", lines[0]);
        Assert.Equal("2026-11-25 10:00:00  GET /api/products/{id}  200  12.5 ms  production  id evt-0\\u202e", lines[1]);
        Assert.True(preview.Truncated);
        Assert.InRange(preview.Text.Length, DeadLetterPreview.MaxChars - 5, DeadLetterPreview.MaxChars); // an escape that would not fit is left out whole
    }

    [Fact]
    public void UndecodableText_IsShownAsText()
    {
        var preview = DeadLetterPreview.Of("not a batch"u8.ToArray());

        Assert.Equal(PreviewKind.Text, preview.Kind);
        Assert.Null(preview.ProjectId);
        Assert.Equal("not a batch", preview.Text);
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreShownAsAHexDump_OfAtMost96Bytes()
    {
        var raw = Enumerable.Range(0, 4096).Select(i => (byte)(0xC0 ^ i)).ToArray();

        var preview = DeadLetterPreview.Of(raw);

        Assert.Equal(PreviewKind.Binary, preview.Kind);
        Assert.True(preview.Truncated);
        Assert.Equal(4096, preview.TotalBytes);
        var lines = preview.Text.Split('\n');
        Assert.Equal(DeadLetterPreview.MaxHexBytes / 16, lines.Length);
        Assert.StartsWith("0000  c0 c1 c2", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("0050 ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAndBidiCharacters_BecomeVisibleEscapes_NewlinesStay()
    {
        var preview = DeadLetterPreview.Of(Encoding.UTF8.GetBytes("a\u0000b\u202Ec\u001b[31m\nd\te"));

        Assert.Equal("a\\u0000b\\u202ec\\u001b[31m\nd\te", preview.Text);
    }

    [Fact]
    public void MarkupIsKeptAsText_TheComponentRendersItEscaped()
    {
        var preview = DeadLetterPreview.Of("<script>alert(1)</script>"u8.ToArray());

        Assert.Equal("<script>alert(1)</script>", preview.Text); // the card's test checks that no element is made of it
    }

    [Fact]
    public void LongText_IsCutToMaxChars_EvenWhenTheCutSplitsAMultiByteCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("é€😀", 2000)); // 2, 3 and 4 bytes per character
        var preview = DeadLetterPreview.Of(Encoding.UTF8.GetBytes(text));

        Assert.Equal(PreviewKind.Text, preview.Kind);
        Assert.True(preview.Truncated);
        Assert.Equal(DeadLetterPreview.MaxChars, preview.Text.Length);
        Assert.StartsWith("é€😀é€", preview.Text, StringComparison.Ordinal);
    }
}
