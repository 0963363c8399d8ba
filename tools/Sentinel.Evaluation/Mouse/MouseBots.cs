using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Mouse;

internal enum MouseBotKind
{
    /// <summary>Straight line to each target, linear timing, zero-length clicks (crude).</summary>
    StraightLine,

    /// <summary>A gently curved path at one constant speed (crude).</summary>
    ConstantVelocity,

    /// <summary>ghost-cursor style: Bezier path, Fitts-law step count, overshoot and correction, dispatched as fast as the driver can.</summary>
    BezierRaw,

    /// <summary>The same paths timed by Fitts' law with easing and coalesced to one event per animation frame.</summary>
    BezierPerFrame,

    /// <summary>A recorded human session sent again.</summary>
    HumanReplay,

    /// <summary>A recorded human session sent again with pixel noise and timing jitter.</summary>
    HumanReplayWithNoise,

    /// <summary>Minimum-jerk strokes with human-like velocity noise, random overshoot and correction, per frame.</summary>
    MinimumJerk,

    /// <summary>Recorded human strokes moved, rotated and scaled onto new start and end points, with their timing.</summary>
    WarpedHumanStrokes,

    /// <summary>A recorded human session with each stroke re-timed (0.8-1.25x) and resampled on a fresh 60 Hz clock.</summary>
    RetimedReplay,
}

/// <summary>
/// Generates bot sessions of the kinds automation and "humanising" libraries produce. Timestamps get the jitter a
/// real browser adds (frame phase, driver round trips), so detection cannot rest on exact intervals alone.
/// </summary>
internal sealed partial class MouseBots(int seed)
{
    private const double FrameMs = 1000.0 / 60;
    private const int Width = 1920;
    private const int Height = 1080;
    private readonly Random _random = new(seed);

    public static bool IsCrude(MouseBotKind kind) => kind is MouseBotKind.StraightLine or MouseBotKind.ConstantVelocity;

    /// <summary>Kinds that synthesize motion (the bot side of the calibration); the others send human motion again.</summary>
    public static bool IsSynthetic(MouseBotKind kind) => kind is MouseBotKind.StraightLine or MouseBotKind.ConstantVelocity
        or MouseBotKind.BezierRaw or MouseBotKind.BezierPerFrame or MouseBotKind.MinimumJerk;

    public List<BehaviorEvent> Generate(MouseBotKind kind, IReadOnlyList<RecordedSession> humans, int targets = 25)
    {
        return kind switch
        {
            MouseBotKind.HumanReplay => Replay(humans[_random.Next(humans.Count)], noise: false),
            MouseBotKind.HumanReplayWithNoise => Replay(humans[_random.Next(humans.Count)], noise: true),
            MouseBotKind.WarpedHumanStrokes => Warp(humans[_random.Next(humans.Count)]),
            MouseBotKind.RetimedReplay => Retime(humans[_random.Next(humans.Count)]),
            _ => Synthesize(kind, targets),
        };
    }

    private List<BehaviorEvent> Synthesize(MouseBotKind kind, int targets)
    {
        var events = new List<BehaviorEvent>();
        double t = 1000 + (_random.NextDouble() * 5000);
        var (x, y) = RandomPoint();
        for (var i = 0; i < targets; i++)
        {
            var (tx, ty) = RandomPoint();
            t = kind switch
            {
                MouseBotKind.StraightLine => MoveStraight(events, t, x, y, tx, ty),
                MouseBotKind.ConstantVelocity => MoveConstantVelocity(events, t, x, y, tx, ty),
                MouseBotKind.BezierRaw => MoveBezier(events, t, x, y, tx, ty, perFrame: false),
                MouseBotKind.MinimumJerk => MoveMinimumJerk(events, t, x, y, tx, ty),
                _ => MoveBezier(events, t, x, y, tx, ty, perFrame: true),
            };
            var hold = IsCrude(kind) ? 0 : 40 + (_random.NextDouble() * 110);
            t += IsCrude(kind) ? 1 : 60 + (_random.NextDouble() * 200);
            Click(events, t, tx, ty, hold);
            t += hold + (IsCrude(kind) ? 50 : 300) + (_random.NextDouble() * 900);
            (x, y) = (tx, ty);
        }

        return events;
    }

    private double MoveStraight(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1)
    {
        const int steps = 25;
        for (var s = 1; s <= steps; s++)
        {
            t += DriverRoundTrip();
            var f = (double)s / steps;
            events.Add(BehaviorEvent.Move(Round(t), (float)Math.Round(x0 + ((x1 - x0) * f)), (float)Math.Round(y0 + ((y1 - y0) * f))));
        }

        return t;
    }

    private double MoveConstantVelocity(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1)
    {
        // A quadratic arc, sampled at equal arc length per frame.
        var (cx, cy) = ControlPoint(x0, y0, x1, y1, 0.3);
        var samples = Sample(s => Quadratic(x0, y0, cx, cy, x1, y1, s), 400);
        var speed = 0.8 + (_random.NextDouble() * 1.2);
        var length = 0.0;
        var step = speed * FrameMs;
        var next = step;
        for (var i = 1; i < samples.Count; i++)
        {
            length += Distance(samples[i - 1], samples[i]);
            if (length >= next || i == samples.Count - 1)
            {
                t += FrameMs + Jitter(0.3);
                events.Add(BehaviorEvent.Move(Round(t), (float)Math.Round(samples[i].X), (float)Math.Round(samples[i].Y)));
                next += step;
            }
        }

        return t;
    }

    private double MoveBezier(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1, bool perFrame)
    {
        var distance = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        if (distance > 500 && _random.NextDouble() < 0.7)
        {
            // Overshoot: land near the target first, then correct with a short second curve.
            var angle = _random.NextDouble() * 2 * Math.PI;
            var radius = 20 + (_random.NextDouble() * 100);
            var ox = x1 + (Math.Cos(angle) * radius);
            var oy = y1 + (Math.Sin(angle) * radius);
            t = BezierSegment(events, t, x0, y0, ox, oy, perFrame);
            return BezierSegment(events, t, ox, oy, x1, y1, perFrame);
        }

        return BezierSegment(events, t, x0, y0, x1, y1, perFrame);
    }

    private double BezierSegment(List<BehaviorEvent> events, double t, double x0, double y0, double x1, double y1, bool perFrame)
    {
        var distance = Math.Max(1, Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0))));
        var (c1x, c1y) = ControlPoint(x0, y0, x1, y1, 0.4);
        var (c2x, c2y) = ControlPoint(x0, y0, x1, y1, 0.4);
        var width = 20 + (_random.NextDouble() * 60);
        var fitts = Math.Log2((distance / width) + 1);

        if (!perFrame)
        {
            // ghost-cursor: steps = ceil((log2(fitts + 1) + baseTime) * 3), each dispatched as a separate move.
            var steps = Math.Max(8, (int)Math.Ceiling((Math.Log2(fitts + 1) + 10) * 3));
            for (var s = 1; s <= steps; s++)
            {
                t += DriverRoundTrip();
                var p = Cubic(x0, y0, c1x, c1y, c2x, c2y, x1, y1, (double)s / steps);
                events.Add(BehaviorEvent.Move(Round(t), (float)Math.Round(p.X), (float)Math.Round(p.Y)));
            }

            return t;
        }

        // Movement time by Fitts' law, eased in and out, one event per frame.
        var movementMs = 150 + (120 * fitts) + Jitter(20);
        var frames = Math.Max(3, (int)Math.Round(movementMs / FrameMs));
        for (var f = 1; f <= frames; f++)
        {
            t += FrameMs + Jitter(0.3);
            var s = EaseInOut((double)f / frames);
            var p = Cubic(x0, y0, c1x, c1y, c2x, c2y, x1, y1, s);
            events.Add(BehaviorEvent.Move(Round(t), (float)Math.Round(p.X), (float)Math.Round(p.Y)));
        }

        return t;
    }

    private List<BehaviorEvent> Replay(RecordedSession human, bool noise)
    {
        var offset = 1000 + (_random.NextDouble() * 100000) - human.Events[0].TimestampMs;
        var events = new List<BehaviorEvent>(human.Events.Count);
        var last = double.MinValue;
        foreach (var e in human.Events)
        {
            var t = e.TimestampMs + offset;
            var x = e.X;
            var y = e.Y;
            if (noise)
            {
                t += (_random.NextDouble() - 0.5) * 6;
                x = (float)Math.Round(x + Gaussian(2.0));
                y = (float)Math.Round(y + Gaussian(2.0));
            }

            t = Math.Max(t, last);
            last = t;
            events.Add(e with { TimestampMs = Round(t), X = x, Y = y });
        }

        return events;
    }

    private static void Click(List<BehaviorEvent> events, double t, double x, double y, double holdMs)
    {
        events.Add(BehaviorEvent.Down(Round(t), (float)x, (float)y));
        events.Add(BehaviorEvent.Up(Round(t + holdMs), (float)x, (float)y));
        events.Add(new BehaviorEvent(BehaviorEventKind.Click, Round(t + holdMs), (float)x, (float)y));
    }

    private (double X, double Y) RandomPoint() => (50 + Math.Round(_random.NextDouble() * (Width - 100)), 50 + Math.Round(_random.NextDouble() * (Height - 100)));

    private (double X, double Y) ControlPoint(double x0, double y0, double x1, double y1, double spread)
    {
        var f = _random.NextDouble();
        var dx = x1 - x0;
        var dy = y1 - y0;
        var side = (_random.NextDouble() - 0.5) * 2 * spread;
        return (x0 + (dx * f) - (dy * side), y0 + (dy * f) + (dx * side));
    }

    /// <summary>A CDP or WebDriver round trip: a few milliseconds, never exactly the same.</summary>
    private double DriverRoundTrip() => 2 + (_random.NextDouble() * 4);

    private double Jitter(double sd) => Gaussian(sd);

    private double Gaussian(double sd)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Browsers report event times to a tenth of a millisecond or coarser.</summary>
    private static double Round(double t) => Math.Round(t, 1);

    private static double EaseInOut(double s) => s < 0.5 ? 2 * s * s : 1 - (Math.Pow((-2 * s) + 2, 2) / 2);

    private static (double X, double Y) Quadratic(double x0, double y0, double cx, double cy, double x1, double y1, double s) =>
        (((1 - s) * (1 - s) * x0) + (2 * (1 - s) * s * cx) + (s * s * x1), ((1 - s) * (1 - s) * y0) + (2 * (1 - s) * s * cy) + (s * s * y1));

    private static (double X, double Y) Cubic(double x0, double y0, double c1x, double c1y, double c2x, double c2y, double x1, double y1, double s)
    {
        var u = 1 - s;
        return ((u * u * u * x0) + (3 * u * u * s * c1x) + (3 * u * s * s * c2x) + (s * s * s * x1),
            (u * u * u * y0) + (3 * u * u * s * c1y) + (3 * u * s * s * c2y) + (s * s * s * y1));
    }

    private static List<(double X, double Y)> Sample(Func<double, (double X, double Y)> curve, int count)
    {
        var points = new List<(double X, double Y)>(count + 1);
        for (var i = 0; i <= count; i++)
        {
            points.Add(curve((double)i / count));
        }

        return points;
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
