using System.Text.Json.Serialization;
using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>The verdict after one batch, for the review page's score-over-time chart. Short JSON names: the history is rewritten with every batch.</summary>
public sealed record ScorePoint([property: JsonPropertyName("t")] DateTime At, [property: JsonPropertyName("s")] double Score, [property: JsonPropertyName("a")] TrustAction Action)
{
    /// <summary>A point as kept: milliseconds and three decimals are all a chart needs, and about 45 bytes of JSON.</summary>
    public static ScorePoint Of(DateTime at, double score, TrustAction action) =>
        new(new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc), double.IsFinite(score) ? Math.Round(score, 3) : 0, action);
}

/// <summary>A session's score history, bounded: when full, every other point goes, so a long session keeps its whole span at half the resolution.</summary>
public static class ScoreHistory
{
    public const int MaxPoints = 60;

    public static void Add(List<ScorePoint> history, ScorePoint point)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count >= MaxPoints)
        {
            var kept = history.Where((_, i) => i % 2 == 0).ToList();
            history.Clear();
            history.AddRange(kept);
        }

        history.Add(point);
    }
}
