using System.Globalization;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Mouse;

namespace Sentinel.Evaluation.Mouse;

/// <summary>Prints stroke feature percentiles per population: the evidence behind the physics thresholds.</summary>
internal static class StrokeDump
{
    public static void Print(string label, IEnumerable<IReadOnlyList<BehaviorEvent>> sessions)
    {
        var features = new List<StrokeFeatures>();
        foreach (var session in sessions)
        {
            var points = new List<PathPoint>();
            foreach (var e in session)
            {
                var cut = e.Kind != BehaviorEventKind.MouseMove || (points.Count > 0 && e.TimestampMs - points[^1].TimestampMs > 100) || points.Count == StrokeAnalyzer.MaxPoints;
                if (cut)
                {
                    Flush(points, features);
                }

                if (e.Kind == BehaviorEventKind.MouseMove)
                {
                    points.Add(new PathPoint(e.X, e.Y, e.TimestampMs));
                }
            }

            Flush(points, features);
        }

        var strokes = features.Where(f => f.Points >= 6 && f.PathLength >= 40).ToList();
        Console.WriteLine($"{label}: {strokes.Count} strokes");
        Row("straightness", strokes.Select(s => s.Straightness));
        Row("speedCv", strokes.Select(s => s.SpeedCv));
        Row("roughness", strokes.Select(s => s.SpeedRoughness));
        Row("stepRough", strokes.Select(s => s.StepRoughness));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  straight>=.999&len>=100 {strokes.Count(s => s.Straightness >= 0.999 && s.PathLength >= 100) / (double)strokes.Count:P1}  speedCv<.25 {strokes.Count(s => s.SpeedCv < 0.25) / (double)strokes.Count:P1}  stepRough<.15 {strokes.Count(s => s.StepRoughness < 0.15) / (double)strokes.Count:P1} speedRough<.18 {strokes.Count(s => s.SpeedRoughness < 0.18) / (double)strokes.Count:P1} maxStep>300 {strokes.Count(s => s.MaxStep > 300) / (double)strokes.Count:P1}"));
        Row("fittsMsPerBit", strokes.Where(s => s.Chord >= 200).Select(s => s.DurationMs / Math.Log2(1 + (s.Chord / 20))));
        Row("offGrid", strokes.Select(s => s.OffGridIntervals));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  offGrid>.3 {strokes.Count(s => s.OffGridIntervals > 0.3) / (double)strokes.Count:P1} offGrid>.4 {strokes.Count(s => s.OffGridIntervals > 0.4) / (double)strokes.Count:P1}"));
        Row("resampledRough", strokes.Select(s => s.ResampledRoughness).Where(double.IsFinite));
        foreach (var limit in new[] { 0.1, 0.12, 0.15, 0.18 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  resampled<{limit} {strokes.Count(s => s.ResampledRoughness < limit) / (double)strokes.Count:P1}"));
        }

        Row("speedFlips", strokes.Select(s => s.SpeedFlips).Where(double.IsFinite));
        foreach (var limit in new[] { 0.4, 0.45, 0.5, 0.55, 0.6 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  speedFlips>{limit} {strokes.Count(s => s.SpeedFlips > limit) / (double)strokes.Count:P1}"));
        }

        Row("meanTurn", strokes.Select(s => s.MeanTurn).Where(double.IsFinite));
        Row("frameNoise", strokes.Select(s => s.FrameNoise).Where(double.IsFinite));
        Row("peaks", strokes.Select(s => (double)s.VelocityPeaks));
        Row("turnFlips", strokes.Select(s => s.TurnSignChanges));
        Row("intervalCv", strokes.Select(s => s.IntervalCv));
        Row("maxSpeed", strokes.Select(s => s.MaxSpeed));
        Row("meanSpeed", strokes.Select(s => s.MeanSpeed));
        Row("points", strokes.Select(s => (double)s.Points));
    }

    private static void Flush(List<PathPoint> points, List<StrokeFeatures> into)
    {
        if (points.Count > 1)
        {
            into.Add(StrokeAnalyzer.Analyze(points.ToArray()));
        }

        points.Clear();
    }

    private static void Row(string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return;
        }

        double P(double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-13} p5 {P(0.05),7:F3} p25 {P(0.25),7:F3} p50 {P(0.5),7:F3} p75 {P(0.75),7:F3} p95 {P(0.95),7:F3}"));
    }
}
