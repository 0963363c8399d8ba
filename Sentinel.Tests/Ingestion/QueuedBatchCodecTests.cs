using System.Text;
using Sentinel.Infrastructure.Ingestion;

namespace Sentinel.Tests.Ingestion;

public sealed class QueuedBatchCodecTests
{
    private static readonly QueuedBatch Batch = new(Guid.NewGuid(), Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("""{"id":"a","path":"/orders"}""", 500)) + "]"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ABatch_RoundTrips_PlainOrCompressed(bool compress)
    {
        var bytes = QueuedBatchCodec.Encode(Batch, compress);
        var decoded = QueuedBatchCodec.TryDecode(bytes);

        Assert.Equal(Batch.ProjectId, decoded!.ProjectId);
        Assert.Equal(Batch.EventsJson.ToArray(), decoded.EventsJson.ToArray());
        Assert.True(!compress || bytes.Length < Batch.EventsJson.Length / 5, $"compressed to {bytes.Length} bytes");
    }

    [Fact]
    public void DamagedEntries_AreUndecodable_NotMisread()
    {
        var compressed = QueuedBatchCodec.Encode(Batch, compress: true);
        var truncated = compressed[..^20];
        var corrupt = compressed.ToArray();
        corrupt[30] ^= 0xFF;
        var wrongLength = compressed.ToArray();
        wrongLength[17] ^= 0x01;

        Assert.Null(QueuedBatchCodec.TryDecode(truncated));
        Assert.Null(QueuedBatchCodec.TryDecode(corrupt));
        Assert.Null(QueuedBatchCodec.TryDecode(wrongLength));
        Assert.Null(QueuedBatchCodec.TryDecode([1, 2, 3]));
        Assert.Null(QueuedBatchCodec.TryDecode(null));
    }
}
