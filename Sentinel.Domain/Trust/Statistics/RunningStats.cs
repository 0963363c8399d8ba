using Sentinel.Domain.Binary;
namespace Sentinel.Domain.Trust.Statistics;

/// <summary>Welford's running mean and variance: constant size however many values it has seen.</summary>
public struct RunningStats
{
    public long Count { get; private set; }

    public double Mean { get; private set; }

    private double _m2;

    public readonly double Variance => Count > 1 ? _m2 / (Count - 1) : 0;

    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Standard deviation over mean; 0 when the mean is 0.</summary>
    public readonly double CoefficientOfVariation => Mean != 0 ? StandardDeviation / Math.Abs(Mean) : 0;

    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }

    /// <summary>Combines two summaries as if all values had been added to one (Chan et al.).</summary>
    public readonly RunningStats Merge(RunningStats other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var count = Count + other.Count;
        var delta = other.Mean - Mean;
        return new RunningStats
        {
            Count = count,
            Mean = Mean + (delta * other.Count / count),
            _m2 = _m2 + other._m2 + (delta * delta * Count * other.Count / count),
        };
    }

    public readonly void Write(LittleEndianWriter writer)
    {
        writer.WriteInt64(Count);
        writer.WriteDouble(Mean);
        writer.WriteDouble(_m2);
    }

    public static RunningStats Read(ref StateReader reader) => new()
    {
        Count = reader.ReadInt64(),
        Mean = reader.ReadDouble(),
        _m2 = reader.ReadDouble(),
    };
}
