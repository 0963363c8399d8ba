using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Mouse;

/// <summary>The bots a careful attacker writes: human-like kinematics, or human recordings disguised.</summary>
internal sealed partial class MouseBots
{
    private const double StrokeGapMs = 100;

    /// <summary>
    /// Minimum-jerk position profile (Flash and Hogan) along a gently curved path, with 20% multiplicative noise on
    /// each frame's progress, an overshoot of 3-10% past the target half of the time followed by a correction, frames
    /// skipped now and then, and clicks held 60-150 ms.
    /// </summary>
    private double MoveMinimumJerk(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1)
    {
        var distance = Math.Max(1, Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0))));
        if (distance > 150 && _random.NextDouble() < 0.5)
        {
            var past = 1.03 + (_random.NextDouble() * 0.07);
            var ox = x0 + ((x1 - x0) * past) + Gaussian(distance * 0.02);
            var oy = y0 + ((y1 - y0) * past) + Gaussian(distance * 0.02);
            t = MinimumJerkSegment(events, t, x0, y0, ox, oy);
            t += 30 + (_random.NextDouble() * 60);
            return MinimumJerkSegment(events, t, ox, oy, x1, y1);
        }

        return MinimumJerkSegment(events, t, x0, y0, x1, y1);
    }

    private double MinimumJerkSegment(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1)
    {
        var distance = Math.Max(1, Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0))));
        var (cx, cy) = ControlPoint(x0, y0, x1, y1, 0.15);
        var fitts = Math.Log2((distance / (20 + (_random.NextDouble() * 60))) + 1);
        var movementMs = Math.Max(120, 180 + (110 * fitts) + Gaussian(40));
        var frames = Math.Max(4, (int)Math.Round(movementMs / FrameMs));
        var progress = new double[frames + 1];
        for (var f = 1; f <= frames; f++)
        {
            double u0 = (double)(f - 1) / frames, u1 = (double)f / frames;
            progress[f] = progress[f - 1] + (Math.Max(0, MinimumJerk(u1) - MinimumJerk(u0)) * Math.Max(0.2, 1 + Gaussian(0.2)));
        }

        for (var f = 1; f <= frames; f++)
        {
            t += FrameMs + Jitter(0.4);
            if (f < frames && _random.NextDouble() < 0.08)
            {
                continue; // a dropped frame
            }

            var s = progress[f] / progress[frames];
            var (x, y) = Quadratic(x0, y0, cx, cy, x1, y1, s);
            events.Add(BehaviorEvent.Move(Round(t), (float)Math.Round(x), (float)Math.Round(y)));
        }

        return t;
    }

    private static double MinimumJerk(double u) => (10 * Math.Pow(u, 3)) - (15 * Math.Pow(u, 4)) + (6 * Math.Pow(u, 5));

    /// <summary>
    /// Each recorded stroke is mapped by a similarity transform (move, rotate, scale 0.7-1.4) from its own start and
    /// end onto the bot's pointer and a new target; timing, pauses and click holds are the recording's.
    /// </summary>
    private List<BehaviorEvent> Warp(RecordedSession human)
    {
        var offset = 1000 + (_random.NextDouble() * 100000) - human.Events[0].TimestampMs;
        var events = new List<BehaviorEvent>(human.Events.Count);
        var (x, y) = RandomPoint();
        var (recordedX, recordedY) = ((double)human.Events[0].X, (double)human.Events[0].Y);
        foreach (var (moves, others) in Strokes(human.Events))
        {
            if (moves.Count > 0)
            {
                // The stroke starts where the recording's did relative to the pointer; its end goes to a new target.
                var (sx, sy) = (moves[0].X, moves[0].Y);
                var (ex, ey) = (moves[^1].X, moves[^1].Y);
                var (startX, startY) = (x + sx - recordedX, y + sy - recordedY);
                var chord = Math.Sqrt(((ex - sx) * (ex - sx)) + ((ey - sy) * (ey - sy)));
                var (tx, ty) = Target(startX, startY, chord * (0.7 + (_random.NextDouble() * 0.7)));
                // Complex-number similarity: z -> start' + (z - start) * (end' - start') / (end - start).
                double ax = ex - sx, ay = ey - sy, bx = tx - startX, by = ty - startY;
                var norm = (ax * ax) + (ay * ay);
                double re = 1, im = 0;
                if (norm > 25)
                {
                    re = ((bx * ax) + (by * ay)) / norm;
                    im = ((by * ax) - (bx * ay)) / norm;
                }

                foreach (var e in moves)
                {
                    double dx = e.X - sx, dy = e.Y - sy;
                    var px = startX + ((dx * re) - (dy * im));
                    var py = startY + ((dx * im) + (dy * re));
                    events.Add(e with { TimestampMs = Round(e.TimestampMs + offset), X = (float)Math.Round(px), Y = (float)Math.Round(py) });
                }

                (x, y) = (events[^1].X, events[^1].Y);
                (recordedX, recordedY) = (ex, ey);
            }

            foreach (var e in others)
            {
                events.Add(e with { TimestampMs = Round(e.TimestampMs + offset), X = (float)(x + e.X - recordedX), Y = (float)(y + e.Y - recordedY) });
            }

            if (others.Count > 0)
            {
                (x, y) = (events[^1].X, events[^1].Y);
                (recordedX, recordedY) = (others[^1].X, others[^1].Y);
            }
        }

        return events;
    }

    /// <summary>Each stroke re-timed by a random factor and resampled on a fresh 60 Hz clock; pauses scaled alike.</summary>
    private List<BehaviorEvent> Retime(RecordedSession human)
    {
        var events = new List<BehaviorEvent>(human.Events.Count);
        var t = 1000 + (_random.NextDouble() * 100000);
        var previousEnd = human.Events[0].TimestampMs;
        foreach (var (moves, others) in Strokes(human.Events))
        {
            var factor = 0.8 + (_random.NextDouble() * 0.45);
            if (moves.Count > 0)
            {
                t += Math.Max(0, moves[0].TimestampMs - previousEnd) * factor;
                var start = moves[0].TimestampMs;
                var span = (moves[^1].TimestampMs - start) * factor;
                var segment = 1;
                events.Add(moves[0] with { TimestampMs = Round(t) });
                for (var k = FrameMs; k <= span; k += FrameMs)
                {
                    var original = start + (k / factor);
                    while (segment < moves.Count - 1 && moves[segment].TimestampMs < original)
                    {
                        segment++;
                    }

                    var a = moves[Math.Max(0, segment - 1)];
                    var b = moves[segment];
                    var f = b.TimestampMs > a.TimestampMs ? Math.Clamp((original - a.TimestampMs) / (b.TimestampMs - a.TimestampMs), 0, 1) : 1;
                    events.Add(BehaviorEvent.Move(Round(t + k + Jitter(0.3)), (float)Math.Round(a.X + ((b.X - a.X) * f)), (float)Math.Round(a.Y + ((b.Y - a.Y) * f))));
                }

                t += span;
                previousEnd = moves[^1].TimestampMs;
            }

            foreach (var e in others)
            {
                t += Math.Max(0, e.TimestampMs - previousEnd) * factor;
                previousEnd = e.TimestampMs;
                events.Add(e with { TimestampMs = Round(t) });
            }
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].TimestampMs < events[i - 1].TimestampMs)
            {
                events[i] = events[i] with { TimestampMs = events[i - 1].TimestampMs };
            }
        }

        return events;
    }

    /// <summary>A recording cut into strokes (moves without a long pause) and the other events after each.</summary>
    private static List<(List<BehaviorEvent> Moves, List<BehaviorEvent> Others)> Strokes(IReadOnlyList<BehaviorEvent> recording)
    {
        var strokes = new List<(List<BehaviorEvent>, List<BehaviorEvent>)>();
        List<BehaviorEvent> moves = [], others = [];
        foreach (var e in recording)
        {
            if (e.Kind == BehaviorEventKind.MouseMove)
            {
                if (others.Count > 0 || (moves.Count > 0 && e.TimestampMs - moves[^1].TimestampMs > StrokeGapMs))
                {
                    strokes.Add((moves, others));
                    (moves, others) = ([], []);
                }

                moves.Add(e);
            }
            else
            {
                others.Add(e);
            }
        }

        strokes.Add((moves, others));
        return strokes;
    }

    /// <summary>A point at about <paramref name="distance"/> from (x, y) that stays on the screen.</summary>
    private (double X, double Y) Target(double x, double y, double distance)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var angle = _random.NextDouble() * 2 * Math.PI;
            var tx = x + (Math.Cos(angle) * distance);
            var ty = y + (Math.Sin(angle) * distance);
            if (tx is >= 0 and < Width && ty is >= 0 and < Height)
            {
                return (Math.Round(tx), Math.Round(ty));
            }
        }

        return RandomPoint();
    }
}
