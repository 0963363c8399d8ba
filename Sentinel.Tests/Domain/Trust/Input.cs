using Sentinel.Domain.Trust.Events;
using Sentinel.Infrastructure.Demo;

namespace Sentinel.Tests.Domain.Trust;

/// <summary>Small generated inputs for the trust tests: the generators live in <see cref="SyntheticBehavior"/>, shared with the demo data.</summary>
internal static class Input
{
    /// <inheritdoc cref="SyntheticBehavior.StraightMove"/>
    public static IEnumerable<BehaviorEvent> StraightMove(double t, float x0, float y0, float x1, float y1, int steps = 25) =>
        SyntheticBehavior.StraightMove(t, x0, y0, x1, y1, steps);

    /// <inheritdoc cref="SyntheticBehavior.HandMove"/>
    public static IEnumerable<BehaviorEvent> HandMove(Random random, double t, float x0, float y0, float x1, float y1) =>
        SyntheticBehavior.HandMove(random, t, x0, y0, x1, y1);

    /// <inheritdoc cref="SyntheticBehavior.Session"/>
    public static List<BehaviorEvent> Session(int seed, int moves, bool bot) => SyntheticBehavior.Session(seed, moves, bot);

    /// <inheritdoc cref="SyntheticBehavior.Typing"/>
    public static List<BehaviorEvent> Typing(IEnumerable<(double Flight, double Hold)> keys) => SyntheticBehavior.Typing(keys);

    /// <inheritdoc cref="SyntheticBehavior.HumanTyping"/>
    public static List<BehaviorEvent> HumanTyping(int seed, int keys) => SyntheticBehavior.HumanTyping(seed, keys);
}
