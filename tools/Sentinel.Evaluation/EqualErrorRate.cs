namespace Sentinel.Evaluation;

internal static class EqualErrorRate
{
    /// <summary>
    /// The error rate where the false-reject rate of genuine scores equals the false-accept rate of impostor scores
    /// (higher score = more anomalous), found by sweeping every observed score as the threshold.
    /// </summary>
    public static double Compute(IReadOnlyList<double> genuine, IReadOnlyList<double> impostor)
    {
        var thresholds = genuine.Concat(impostor).Distinct().Order().ToArray();
        var best = double.MaxValue;
        var eer = 1.0;
        foreach (var threshold in thresholds)
        {
            var falseReject = genuine.Count(s => s > threshold) / (double)genuine.Count;
            var falseAccept = impostor.Count(s => s <= threshold) / (double)impostor.Count;
            var gap = Math.Abs(falseReject - falseAccept);
            if (gap < best)
            {
                best = gap;
                eer = (falseReject + falseAccept) / 2;
            }
        }

        return eer;
    }
}
