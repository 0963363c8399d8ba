using Sentinel.Domain.Trust.Events;

namespace Sentinel.Tests.Domain.Trust;

/// <summary>Inputs built to show one signal each (the evaluation data stays outside the repository).</summary>
internal static class SignalInput
{
    /// <summary>Hand-like moves and person-like typing: the input on which no bot signal may fire.</summary>
    public static List<BehaviorEvent> Person(int seed = 2) => Merge(Input.Session(seed, moves: 40, bot: false), Input.HumanTyping(seed, keys: 60));

    /// <summary>Hand-like aimed moves with <paramref name="change"/> applied to every event.</summary>
    public static List<BehaviorEvent> Hand(Func<BehaviorEvent, BehaviorEvent> change, int seed = 22) =>
        Input.Session(seed, moves: 40, bot: false).Select(change).ToList();

    /// <summary>
    /// Aimed moves on a 60 Hz clock whose path and progress come from <paramref name="position"/>(u, random) for
    /// u in [0, 1]; each followed by a 90-150 ms click.
    /// </summary>
    public static List<BehaviorEvent> Moves(Func<double, Random, (double Along, double Across)> position, int moves = 30, double durationMs = 600, double frameMs = 1000.0 / 60, int seed = 23)
    {
        var random = new Random(seed);
        var events = new List<BehaviorEvent>();
        var t = 1000.0;
        var (x, y) = (300.0, 300.0);
        for (var m = 0; m < moves; m++)
        {
            var (tx, ty) = m % 2 == 0 ? (1100.0 + random.Next(300), 500.0 + random.Next(200)) : (200.0 + random.Next(300), 200.0 + random.Next(200));
            double dx = tx - x, dy = ty - y;
            var length = Math.Sqrt((dx * dx) + (dy * dy));
            for (var time = frameMs; time <= durationMs + 1e-9; time += frameMs)
            {
                var (along, across) = position(Math.Min(1, time / durationMs), random);
                var px = x + (dx * along) - (dy / length * across);
                var py = y + (dy * along) + (dx / length * across);
                events.Add(BehaviorEvent.Move(Math.Round(t + time), MathF.Round((float)px), MathF.Round((float)py)));
            }

            var clickAt = Math.Round(t + durationMs + 80);
            events.Add(BehaviorEvent.Down(clickAt, (float)tx, (float)ty));
            events.Add(BehaviorEvent.Up(clickAt + 90 + random.Next(60), (float)tx, (float)ty));
            t = clickAt + 400 + random.Next(400);
            (x, y) = (tx, ty);
        }

        return events;
    }

    public static double MinimumJerk(double u) => (10 * Math.Pow(u, 3)) - (15 * Math.Pow(u, 4)) + (6 * Math.Pow(u, 5));

    /// <summary>Events of two streams in time order.</summary>
    public static List<BehaviorEvent> Merge(IEnumerable<BehaviorEvent> a, IEnumerable<BehaviorEvent> b) =>
        a.Concat(b).OrderBy(e => e.TimestampMs).ToList();
}
