namespace Sentinel.Domain.Analytics;

/// <summary>
/// The quantile definition of ClickHouse's <c>quantileExact</c>: the element at index floor(level × n) of the sorted
/// values (the last one for level 1), no interpolation. The embedded store uses it so all stores agree exactly.
/// </summary>
public static class ExactQuantile
{
    public static double Of(IReadOnlyList<double> sortedValues, double level)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        if (sortedValues.Count == 0)
        {
            return 0;
        }

        var index = level < 1 ? (int)(level * sortedValues.Count) : sortedValues.Count - 1;
        return sortedValues[Math.Min(index, sortedValues.Count - 1)];
    }
}
