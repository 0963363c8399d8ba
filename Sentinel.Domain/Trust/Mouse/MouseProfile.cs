using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// Running statistics of the stroke features that characterise how a person moves the mouse: speed, path
/// straightness, duration and roughness. A session has one; a user's baseline is the merge of their allowed
/// sessions' profiles.
/// </summary>
public sealed class MouseProfile
{
    public const int FeatureCount = 4;
    private readonly RunningStats[] _features = new RunningStats[FeatureCount];

    public long Strokes => _features[0].Count;

    public void Add(in StrokeFeatures stroke)
    {
        _features[0].Add(Math.Log(stroke.MeanSpeed + 0.01));
        _features[1].Add(stroke.Straightness);
        _features[2].Add(Math.Log(stroke.DurationMs + 1));
        _features[3].Add(Math.Log(stroke.StepRoughness + 0.01));
    }

    public RunningStats Feature(int index) => _features[index];

    /// <summary>Adds another profile's strokes to this one (learning a baseline from an allowed session).</summary>
    public void Merge(MouseProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < FeatureCount; i++)
        {
            _features[i] = _features[i].Merge(other._features[i]);
        }
    }

    public void Write(LittleEndianWriter writer)
    {
        foreach (var feature in _features)
        {
            feature.Write(writer);
        }
    }

    public void Read(ref StateReader reader)
    {
        for (var i = 0; i < FeatureCount; i++)
        {
            _features[i] = RunningStats.Read(ref reader);
        }
    }
}
