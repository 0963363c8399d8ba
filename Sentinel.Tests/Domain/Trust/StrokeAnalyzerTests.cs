using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Mouse;

namespace Sentinel.Tests.Domain.Trust;

public sealed class StrokeAnalyzerTests
{
    private static StrokeFeatures Analyze(IEnumerable<BehaviorEvent> events) =>
        StrokeAnalyzer.Analyze(events.Where(e => e.Kind == BehaviorEventKind.MouseMove).Select(e => new PathPoint(e.X, e.Y, e.TimestampMs)).ToArray());

    [Fact]
    public void StraightEvenMove_IsStraightAndConstantInSpeed()
    {
        var stroke = Analyze(Input.StraightMove(0, 100, 100, 700, 400));

        Assert.True(stroke.Straightness > 0.999, $"straightness {stroke.Straightness}");
        Assert.True(stroke.SpeedCv < 0.25, $"speed CV {stroke.SpeedCv}");
        Assert.True(StrokeClassifier.Classify(stroke).HasFlag(StrokeSigns.Straight));
    }

    [Fact]
    public void HandLikeMove_ShowsNoSignOfSynthesis()
    {
        var random = new Random(3);
        var judged = 0;
        var synthetic = 0;
        for (var i = 0; i < 40; i++)
        {
            var stroke = Analyze(Input.HandMove(random, 0, 200, 300, 900 + random.Next(300), 500 + random.Next(200)));
            Assert.True(StrokeClassifier.IsJudgeable(stroke));
            judged++;
            // The generator's speed profile is smoother than a real hand's, so the smooth sign is not asked of it here;
            // on SapiMouse 1.8% of strokes show it (the evaluation's calibration table).
            synthetic += (StrokeClassifier.Classify(stroke) & ~StrokeSigns.Smooth) == StrokeSigns.None ? 0 : 1;
        }

        Assert.True(synthetic <= judged / 10, $"{synthetic} of {judged} hand-like strokes looked synthetic");
    }

    [Fact]
    public void EventsOffAnyClock_AreFlagged()
    {
        // Positions from a smooth curve, sent whenever a driver round trip (2-6 ms) completes.
        var random = new Random(5);
        var points = new List<PathPoint>();
        var t = 0.0;
        for (var s = 0; s <= 60; s++)
        {
            t += 2 + (random.NextDouble() * 4);
            var u = s / 60.0;
            points.Add(new PathPoint(MathF.Round((float)(100 + (600 * u))), MathF.Round((float)(100 + (200 * u * u))), t));
        }

        var stroke = StrokeAnalyzer.Analyze(points.ToArray());
        Assert.True(StrokeClassifier.Classify(stroke).HasFlag(StrokeSigns.OffClock), $"off-grid share {stroke.OffGridIntervals}");
    }

    [Fact]
    public void DegenerateStrokes_GiveFiniteFeatures()
    {
        var single = StrokeAnalyzer.Analyze([new PathPoint(1, 1, 0)]);
        var frozen = StrokeAnalyzer.Analyze([new PathPoint(5, 5, 10), new PathPoint(5, 5, 10), new PathPoint(5, 5, 10)]);

        Assert.False(StrokeClassifier.IsJudgeable(single));
        Assert.True(double.IsFinite(frozen.SpeedCv) && double.IsFinite(frozen.Straightness));
    }
}
