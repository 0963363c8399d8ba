using Sentinel.Domain.Trust.Events;

namespace Sentinel.Infrastructure.Demo;

/// <summary>
/// Generated behaviour for the demo data and the trust tests (one place, so the demo shows what the tests check):
/// hand-like aimed mouse moves and person-like typing, and the crudest bot (straight, evenly timed moves with
/// zero-length clicks). Not a model of any real person; the evaluation data stays outside the repository.
/// </summary>
public static class SyntheticBehavior
{
    /// <summary>A straight, evenly timed move with a zero-length click at the end: the crudest bot.</summary>
    public static IEnumerable<BehaviorEvent> StraightMove(double t, float x0, float y0, float x1, float y1, int steps = 25)
    {
        for (var s = 1; s <= steps; s++)
        {
            var f = (float)s / steps;
            yield return BehaviorEvent.Move(t + (s * 3.1), MathF.Round(x0 + ((x1 - x0) * f)), MathF.Round(y0 + ((y1 - y0) * f)));
        }

        yield return BehaviorEvent.Down(t + (steps * 3.1) + 1, x1, y1);
        yield return BehaviorEvent.Up(t + (steps * 3.1) + 1, x1, y1);
    }

    /// <summary>
    /// A hand-like aimed move: a skewed minimum-jerk speed profile with a corrective sub-movement, a slow wobble of a few
    /// pixels (tremor is smooth from frame to frame: a hand has mass), reported on a 60 Hz clock that sometimes skips
    /// a frame, then a click held for about 100 ms.
    /// </summary>
    public static IEnumerable<BehaviorEvent> HandMove(Random random, double t, float x0, float y0, float x1, float y1)
    {
        var duration = 450 + (random.NextDouble() * 300);
        var normalX = -(y1 - y0);
        var normalY = x1 - x0;
        var length = MathF.Sqrt((normalX * normalX) + (normalY * normalY));
        var bow = (float)((random.NextDouble() - 0.5) * 0.2);

        // People reach peak speed earlier or later in a movement; a power of time skews the profile either way.
        var skew = 0.7 + (random.NextDouble() * 0.7);
        double wobbleAcross = 0, wobbleAlong = 0;
        for (var time = 16.7; time < duration; time += random.NextDouble() < 0.15 ? 33.3 : 16.7)
        {
            wobbleAcross = (0.75 * wobbleAcross) + ((random.NextDouble() - 0.5) * 3.5);
            wobbleAlong = (0.8 * wobbleAlong) + ((random.NextDouble() - 0.5) * 1.6);
            var u = Math.Pow(time / duration, skew);
            var s = (10 * Math.Pow(u, 3)) - (15 * Math.Pow(u, 4)) + (6 * Math.Pow(u, 5));
            var correction = u > 0.7 ? 0.04 * Math.Sin((u - 0.7) / 0.3 * Math.PI) : 0;
            var along = (float)Math.Min(1, s + correction);
            var side = (bow * MathF.Sin(along * MathF.PI) * length) + (float)wobbleAcross;
            var x = x0 + ((x1 - x0) * along) + (normalX / length * side) + ((x1 - x0) / length * (float)wobbleAlong);
            var y = y0 + ((y1 - y0) * along) + (normalY / length * side) + ((y1 - y0) / length * (float)wobbleAlong);
            yield return BehaviorEvent.Move(Math.Round(t + time), MathF.Round(x), MathF.Round(y));
        }

        var clickAt = Math.Round(t + duration + 80);
        yield return BehaviorEvent.Down(clickAt, x1, y1);
        yield return BehaviorEvent.Up(clickAt + 90 + random.Next(60), x1, y1);
    }

    /// <summary>A session of <paramref name="moves"/> aimed moves between random targets.</summary>
    public static List<BehaviorEvent> Session(int seed, int moves, bool bot)
    {
        var random = new Random(seed);
        var events = new List<BehaviorEvent>();
        var (x, y) = (500f, 400f);
        var t = 1000.0;
        for (var i = 0; i < moves; i++)
        {
            var (tx, ty) = (100 + random.Next(1600), 100 + random.Next(800));
            events.AddRange(bot ? StraightMove(t, x, y, tx, ty) : HandMove(random, t, x, y, tx, ty));
            t = events[^1].TimestampMs + 300 + random.Next(500);
            (x, y) = (tx, ty);
        }

        return events;
    }

    /// <summary>Typing with the given flight and hold times (ms) per key, cycling through a few key positions.</summary>
    public static List<BehaviorEvent> Typing(IEnumerable<(double Flight, double Hold)> keys)
    {
        var events = new List<BehaviorEvent>();
        var t = 1000.0;
        var zone = 0;
        foreach (var (flight, hold) in keys)
        {
            var position = (byte)(32 + (zone++ % 10));
            events.Add(BehaviorEvent.KeyPress(t, KeyClass.Letter, position));
            events.Add(BehaviorEvent.KeyRelease(t + hold, KeyClass.Letter, position));
            t += flight;
        }

        events.Sort((a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        return events;
    }

    /// <summary>Person-like typing: log-normal flights around 180 ms and holds around 90 ms.</summary>
    public static List<BehaviorEvent> HumanTyping(int seed, int keys)
    {
        var random = new Random(seed);
        double LogNormal(double median, double sigma) =>
            median * Math.Exp(sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return Typing(Enumerable.Range(0, keys).Select(_ => (Math.Round(LogNormal(180, 0.45)), Math.Round(LogNormal(90, 0.25)))));
    }
}
