using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Tests.Domain.Trust;

public sealed class MinHashSketchTests
{
    private static MinHashSketch Of(IEnumerable<int> tokens)
    {
        var sketch = new MinHashSketch();
        foreach (var token in tokens)
        {
            sketch.Add((ulong)token);
        }

        return sketch;
    }

    [Fact]
    public void SameSet_IsIdentical_DisjointSetsAreNot()
    {
        Assert.Equal(1.0, Of(Enumerable.Range(0, 200)).Jaccard(Of(Enumerable.Range(0, 200))));
        Assert.True(Of(Enumerable.Range(0, 200)).Jaccard(Of(Enumerable.Range(1000, 200))) < 0.05);
    }

    [Fact]
    public void PartOfASet_IsMostlyContainedInIt()
    {
        var whole = Of(Enumerable.Range(0, 400));
        var part = Of(Enumerable.Range(0, 100));

        Assert.InRange(part.ContainmentIn(whole), 0.7, 1.0);
        Assert.InRange(part.Jaccard(whole), 0.1, 0.45);
    }

    [Fact]
    public void EmptySketch_MatchesNothing() => Assert.Equal(0, new MinHashSketch().ContainmentIn(Of([1, 2, 3])));
}
