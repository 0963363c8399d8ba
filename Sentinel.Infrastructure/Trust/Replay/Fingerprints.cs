using System.Buffers;
using System.Buffers.Binary;
using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Infrastructure.Trust.Replay;

/// <summary>
/// Binary form of a session fingerprint for the shared catalog, and the LSH bucket names of a sketch: one bucket
/// per (hash function, minimum). Two sessions land in the same bucket exactly when they share that minimum, so the
/// number of buckets they share is the sketch's own Jaccard estimate times 64 (one row per band: any shared
/// minimum makes a candidate, which finds even the small overlap of a replay that has just begun).
/// </summary>
internal static class Fingerprints
{
    public static byte[] Serialize(SessionFingerprint fingerprint)
    {
        var buffer = new ArrayBufferWriter<byte>(600);
        var writer = new LittleEndianWriter(buffer);
        fingerprint.Trajectories.Write(writer);
        fingerprint.Rhythm.Write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static SessionFingerprint Deserialize(string id, ReadOnlySpan<byte> data)
    {
        var reader = new StateReader(data);
        var trajectories = new MinHashSketch();
        trajectories.Read(ref reader);
        var rhythm = new MinHashSketch();
        rhythm.Read(ref reader);
        return new SessionFingerprint(id, trajectories, rhythm);
    }

    /// <summary>Bucket suffixes of a sketch (<c>t12:89ab01ff</c>); none for an empty sketch.</summary>
    public static IEnumerable<string> Buckets(MinHashSketch sketch, char kind)
    {
        if (sketch.IsEmpty)
        {
            yield break;
        }

        var buffer = new ArrayBufferWriter<byte>(4 + (4 * MinHashSketch.Size));
        sketch.Write(new LittleEndianWriter(buffer));
        var minima = buffer.WrittenSpan[4..].ToArray();
        for (var i = 0; i < MinHashSketch.Size; i++)
        {
            var minimum = BinaryPrimitives.ReadUInt32LittleEndian(minima.AsSpan(i * 4));
            if (minimum != uint.MaxValue)
            {
                yield return $"{kind}{i}:{minimum:x8}";
            }
        }
    }
}
