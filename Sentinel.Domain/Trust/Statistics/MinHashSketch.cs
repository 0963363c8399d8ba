using Sentinel.Domain.Binary;
namespace Sentinel.Domain.Trust.Statistics;

/// <summary>
/// A MinHash sketch of a set of 64-bit tokens: a fixed 256 bytes however many tokens it saw, from which the
/// overlap of two sets can be estimated (Broder, 1997). Used as the compact fingerprint of a session's
/// trajectories and typing rhythm, to find the same input replayed within or across sessions.
/// </summary>
public sealed class MinHashSketch
{
    public const int Size = 64;
    private readonly uint[] _minima = new uint[Size];

    public MinHashSketch() => Array.Fill(_minima, uint.MaxValue);

    /// <summary>Tokens added (with repeats): an upper bound on the set's size, used to weigh containment.</summary>
    public int Tokens { get; private set; }

    public bool IsEmpty => Tokens == 0;

    public void Add(ulong token)
    {
        Tokens++;
        for (var i = 0; i < Size; i++)
        {
            var hash = (uint)(Mix(token ^ Seeds[i]) >> 32);
            if (hash < _minima[i])
            {
                _minima[i] = hash;
            }
        }
    }

    /// <summary>Estimated Jaccard similarity |A∩B| / |A∪B|.</summary>
    public double Jaccard(MinHashSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var equal = 0;
        for (var i = 0; i < Size; i++)
        {
            if (_minima[i] == other._minima[i])
            {
                equal++;
            }
        }

        return (double)equal / Size;
    }

    /// <summary>
    /// Estimated share of this set contained in <paramref name="other"/>, |A∩B| / |A|: a replay of part of a
    /// recorded session is wholly contained in it even while the Jaccard similarity is still small.
    /// </summary>
    public double ContainmentIn(MinHashSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var jaccard = Jaccard(other);
        if (jaccard == 0)
        {
            return 0;
        }

        var containment = jaccard * (Tokens + other.Tokens) / ((1 + jaccard) * Tokens);
        return Math.Min(1.0, containment);
    }

    public void Write(LittleEndianWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(Tokens);
        foreach (var minimum in _minima)
        {
            writer.WriteInt32(unchecked((int)minimum));
        }
    }

    public void Read(ref StateReader reader)
    {
        Tokens = reader.ReadCount(int.MaxValue);
        for (var i = 0; i < Size; i++)
        {
            _minima[i] = unchecked((uint)reader.ReadInt32());
        }
    }

    public MinHashSketch Clone()
    {
        var copy = new MinHashSketch { Tokens = Tokens };
        _minima.CopyTo(copy._minima, 0);
        return copy;
    }

    /// <summary>SplitMix64 finaliser: a fast, well-mixed 64-bit hash.</summary>
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    private static readonly ulong[] Seeds = CreateSeeds();

    private static ulong[] CreateSeeds()
    {
        var seeds = new ulong[Size];
        for (var i = 0; i < Size; i++)
        {
            seeds[i] = Mix((ulong)i + 0x5E17_1E1UL);
        }

        return seeds;
    }
}
