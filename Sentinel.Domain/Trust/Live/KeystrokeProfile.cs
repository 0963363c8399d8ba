using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Keystrokes;

namespace Sentinel.Domain.Trust.Live;

/// <summary>
/// A user's stored typing samples for one marked field (the most recent ones, all of one phrase length), from
/// which <see cref="KeystrokeBaseline"/> is learned when a new sample has to be judged.
/// </summary>
public sealed class KeystrokeProfile
{
    /// <summary>Genuine samples needed before a typed phrase is judged against them.</summary>
    public const int MinimumSamples = 5;

    public string Field { get; set; } = "";

    public List<double[]> Samples { get; set; } = [];

    /// <summary>Adds a genuine sample; a different phrase length (the password changed) starts the profile afresh.</summary>
    public void Learn(double[] sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (Samples.Count > 0 && Samples[0].Length != sample.Length)
        {
            Samples.Clear();
        }

        Samples.Add(sample);
        var keep = KeystrokeOptions.Default.RecentSamples;
        if (Samples.Count > keep)
        {
            Samples.RemoveRange(0, Samples.Count - keep);
        }
    }

    /// <summary>Evidence for "the same person typed this", or null while the profile is too small or the phrase differs.</summary>
    public Evidence? Judge(double[] sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (Samples.Count < MinimumSamples || Samples[0].Length != sample.Length)
        {
            return null;
        }

        return KeystrokeAnomalyModel.Assess(KeystrokeBaseline.Learn(Samples), sample);
    }
}
