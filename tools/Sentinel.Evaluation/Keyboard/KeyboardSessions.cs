using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Keyboard;

internal enum KeyboardBotKind
{
    /// <summary>The same delay between every key and the same hold (Puppeteer's type with a delay).</summary>
    ConstantInterval,

    /// <summary>Keys sent as fast as the driver can: holds and gaps of a millisecond or two.</summary>
    ZeroDelay,

    /// <summary>A recorded human's timings sent again.</summary>
    ReplayedHuman,

    /// <summary>A recorded human's timings sent again with a few milliseconds of jitter.</summary>
    ReplayedHumanWithNoise,
}

/// <summary>
/// Turns CMU repetitions into key events (the password's 11 keys as classes and positions, never characters) and
/// generates keyboard bots. A human session is ten consecutive repetitions of one subject.
/// </summary>
internal sealed class KeyboardSessions(int seed)
{
    public const int RepetitionsPerSession = 10;

    /// <summary>The password .tie5Roanl + Return: the key classes in order.</summary>
    private static readonly KeyClass[] Keys =
    [
        KeyClass.Punctuation, KeyClass.Letter, KeyClass.Letter, KeyClass.Letter, KeyClass.Digit, KeyClass.Letter,
        KeyClass.Letter, KeyClass.Letter, KeyClass.Letter, KeyClass.Letter, KeyClass.Enter,
    ];

    /// <summary>Keyboard zones (row * 16 + column / 2) of . t i e 5 R o a n l Return on a US layout.</summary>
    private static readonly byte[] Zones = [56, 34, 35, 33, 18, 33, 36, 48, 59, 52, 62];

    private readonly Random _random = new(seed);

    public static List<(string Name, int Subject, List<BehaviorEvent> Events)> Humans(List<CmuRepetition> rows)
    {
        var sessions = new List<(string, int, List<BehaviorEvent>)>();
        var subjects = rows.Select(r => r.Subject).Distinct().ToList();
        var random = new Random(11);
        foreach (var group in rows.GroupBy(r => (r.Subject, r.Session)))
        {
            var reps = group.OrderBy(r => r.Rep).ToList();
            for (var start = 0; start + RepetitionsPerSession <= reps.Count; start += RepetitionsPerSession)
            {
                var timings = reps.Skip(start).Take(RepetitionsPerSession).Select(r => r.Timings).ToList();
                var subject = subjects.IndexOf(group.Key.Subject) + 1;
                sessions.Add(($"{group.Key.Subject}/s{group.Key.Session}/r{start + 1}", subject, Type(timings, random)));
            }
        }

        return sessions;
    }

    public List<BehaviorEvent> Generate(KeyboardBotKind kind, IReadOnlyList<(string Name, int Subject, List<BehaviorEvent> Events)> humans)
    {
        switch (kind)
        {
            case KeyboardBotKind.ReplayedHuman or KeyboardBotKind.ReplayedHumanWithNoise:
                var original = humans[_random.Next(humans.Count)].Events;
                var offset = 5000 + (_random.NextDouble() * 50000) - original[0].TimestampMs;
                var noise = kind == KeyboardBotKind.ReplayedHumanWithNoise ? 8.0 : 0.0;
                var last = double.MinValue;
                var replay = new List<BehaviorEvent>(original.Count);
                foreach (var e in original)
                {
                    var t = Math.Max(last, e.TimestampMs + offset + ((_random.NextDouble() - 0.5) * noise));
                    last = t;
                    replay.Add(e with { TimestampMs = Math.Round(t, 1) });
                }

                return replay;
            default:
                var zeroDelay = kind == KeyboardBotKind.ZeroDelay;
                var timings = Enumerable.Range(0, RepetitionsPerSession).Select(_ => Synthetic(zeroDelay)).ToList();
                return Type(timings, _random);
        }
    }

    /// <summary>31 CMU-style timings (seconds): hold, keydown-to-keydown, keyup-to-keydown per key pair, last hold.</summary>
    private double[] Synthetic(bool zeroDelay)
    {
        var timings = new double[31];
        for (var key = 0; key < 11; key++)
        {
            var hold = zeroDelay ? _random.NextDouble() * 0.001 : 0.08 + (Gaussian() * 0.001);
            timings[3 * key] = hold;
            if (key < 10)
            {
                var flight = zeroDelay ? 0.001 + (_random.NextDouble() * 0.002) : 0.15 + (Gaussian() * 0.001);
                timings[(3 * key) + 1] = flight;
                timings[(3 * key) + 2] = flight - hold;
            }
        }

        return timings;
    }

    private static List<BehaviorEvent> Type(List<double[]> repetitions, Random random)
    {
        var events = new List<BehaviorEvent>();
        var t = 1000.0;
        foreach (var timings in repetitions)
        {
            for (var key = 0; key < 11; key++)
            {
                var hold = timings[3 * key] * 1000;
                events.Add(BehaviorEvent.KeyPress(Math.Round(t, 1), Keys[key], Zones[key]));
                events.Add(BehaviorEvent.KeyRelease(Math.Round(t + hold, 1), Keys[key], Zones[key]));
                if (key < 10)
                {
                    t += Math.Max(0, timings[(3 * key) + 1] * 1000);
                }
            }

            // Between repetitions: Return was pressed, the field cleared, typing starts again.
            t += 1000 + (random.NextDouble() * 2000);
        }

        events.Sort((a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        return events;
    }

    private double Gaussian() => Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
