using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>The verdict after one batch, for the review page's score-over-time chart.</summary>
public sealed record ScorePoint(DateTime At, double Score, TrustAction Action);

/// <summary>A session's score history, bounded: when full, every other point goes, so a long session keeps its whole span at half the resolution.</summary>
public static class ScoreHistory
{
    public const int MaxPoints = 120;

    public static void Add(List<ScorePoint> history, ScorePoint point)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count >= MaxPoints)
        {
            var kept = history.Where((_, i) => i % 2 == 1).ToList();
            history.Clear();
            history.AddRange(kept);
        }

        history.Add(point);
    }
}
