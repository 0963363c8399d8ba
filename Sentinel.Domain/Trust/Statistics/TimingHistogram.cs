using Sentinel.Domain.Binary;
namespace Sentinel.Domain.Trust.Statistics;

/// <summary>
/// Counts of intervals in logarithmic bins (about 19% wide, from 1 ms to ~20 s), for the Shannon entropy of timing.
/// Scripts that wait a fixed or nearly fixed time put everything in one or two bins.
/// </summary>
public sealed class TimingHistogram
{
    public const int Bins = 48;
    private const double BinsPerDoubling = 4;
    private readonly int[] _counts = new int[Bins];

    public int Total { get; private set; }

    public void Add(double intervalMs)
    {
        var bin = intervalMs <= 1 ? 0 : (int)(Math.Log2(intervalMs) * BinsPerDoubling);
        _counts[Math.Clamp(bin, 0, Bins - 1)]++;
        Total++;
    }

    /// <summary>Entropy in bits of the binned intervals.</summary>
    public double Entropy()
    {
        if (Total == 0)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var count in _counts)
        {
            if (count > 0)
            {
                var p = (double)count / Total;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    public void Write(LittleEndianWriter writer)
    {
        foreach (var count in _counts)
        {
            writer.WriteInt32(count);
        }
    }

    public void Read(ref StateReader reader)
    {
        Total = 0;
        for (var i = 0; i < Bins; i++)
        {
            _counts[i] = reader.ReadCount(int.MaxValue);
            Total += _counts[i];
        }
    }
}
