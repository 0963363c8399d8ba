using Sentinel.Domain.Trust.Keystrokes;

namespace Sentinel.Evaluation.Keyboard;

internal sealed record EerSummary(string Detector, string Subjects, int Count, double Mean, double StandardDeviation);

/// <summary>
/// Killourhy &amp; Maxion (DSN 2009): per subject, train on its first 200 repetitions, score its last 200 (genuine)
/// and the first 5 of every other subject (impostors), take the EER; report mean and sd over subjects.
/// </summary>
internal static class KeystrokeEvaluation
{
    public static IEnumerable<EerSummary> Run(List<CmuRepetition> rows, KeystrokeOptions options)
    {
        var bySubject = rows.GroupBy(r => r.Subject).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Session).ThenBy(r => r.Rep).Select(r => r.Timings).ToList()).ToList();
        var reference = new List<double>();
        var ours = new List<double>();
        var genuineDistances = new List<double>();
        var impostorDistances = new List<double>();
        for (var s = 0; s < bySubject.Count; s++)
        {
            var training = bySubject[s].Take(200).ToList();
            var genuine = bySubject[s].Skip(200).Take(200).ToList();
            var impostors = bySubject.Where((_, other) => other != s).SelectMany(o => o.Take(5)).ToList();

            var manhattan = ScaledManhattan.Train(training);
            reference.Add(EqualErrorRate.Compute(genuine.Select(manhattan.Score).ToList(), impostors.Select(manhattan.Score).ToList()));

            var baseline = KeystrokeBaseline.Learn(training, options);
            var genuineScores = genuine.Select(g => baseline.Distance(g, options)).ToList();
            var impostorScores = impostors.Select(i => baseline.Distance(i, options)).ToList();
            genuineDistances.AddRange(genuineScores);
            impostorDistances.AddRange(impostorScores);
            ours.Add(EqualErrorRate.Compute(genuineScores, impostorScores));
        }

        DistanceQuartiles = $"genuine distance quartiles {Quartiles(genuineDistances)}; impostor {Quartiles(impostorDistances)}";
        var half = bySubject.Count / 2;
        foreach (var (name, eers) in new[] { ("Manhattan (scaled), reference", reference), ("Sentinel keystroke anomaly", ours) })
        {
            yield return Summarise(name, $"all {eers.Count}", eers);
            yield return Summarise(name, $"first {half}", eers.Take(half).ToList());
            yield return Summarise(name, $"last {eers.Count - half}", eers.Skip(half).ToList());
        }
    }

    private static readonly double[] QuartilePoints = [0.25, 0.5, 0.75];

    /// <summary>Where the Sentinel detector's distances fall, to calibrate its evidence weight.</summary>
    public static string DistanceQuartiles { get; private set; } = "";

    private static string Quartiles(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Join(" / ", QuartilePoints.Select(q => sorted[(int)(q * (sorted.Length - 1))].ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static EerSummary Summarise(string detector, string subjects, List<double> eers)
    {
        var mean = eers.Average();
        var sd = Math.Sqrt(eers.Sum(e => (e - mean) * (e - mean)) / (eers.Count - 1));
        return new EerSummary(detector, subjects, eers.Count, mean, sd);
    }

    /// <summary>The paper's best detector, exactly as published: mean vector, mean absolute deviation, L1 scaled.</summary>
    private sealed class ScaledManhattan
    {
        private readonly double[] _mean;
        private readonly double[] _mad;

        private ScaledManhattan(double[] mean, double[] mad)
        {
            _mean = mean;
            _mad = mad;
        }

        public static ScaledManhattan Train(List<double[]> training)
        {
            var n = training[0].Length;
            var mean = new double[n];
            var mad = new double[n];
            for (var f = 0; f < n; f++)
            {
                mean[f] = training.Average(t => t[f]);
                mad[f] = training.Average(t => Math.Abs(t[f] - mean[f]));
            }

            return new ScaledManhattan(mean, mad);
        }

        public double Score(double[] sample)
        {
            var total = 0.0;
            for (var f = 0; f < sample.Length; f++)
            {
                total += Math.Abs(sample[f] - _mean[f]) / _mad[f];
            }

            return total;
        }
    }
}
