using Sentinel.Domain.Trust.Events;

namespace Sentinel.Web.Components.Pages.Trust;

/// <summary>One key press in the keystroke strip: when it went down (ms from the start) and how long it was held (null when its release was not recorded).</summary>
public sealed record KeyStrike(double AtMs, double? HoldMs, KeyClass Key);

/// <summary>
/// The replay's time line from a session's raw sample: times relative to the first event, the duration, where a
/// position falls, and the key strikes for the timing strip. Plain math, so the control's state can be tested without a browser.
/// </summary>
public sealed class ReplayTimeline
{
    private readonly double[] _times;

    public ReplayTimeline(IEnumerable<BehaviorEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ordered = events.OrderBy(e => e.TimestampMs).ToList();
        var start = ordered.Count > 0 ? ordered[0].TimestampMs : 0;
        Events = ordered;
        _times = ordered.Select(e => e.TimestampMs - start).ToArray();
        DurationMs = _times.Length > 0 ? _times[^1] : 0;
        Strikes = PairKeys(ordered, start);
        Presses = ordered.Count(e => e.Kind is BehaviorEventKind.MouseDown or BehaviorEventKind.TouchStart);
        Moves = ordered.Count(e => e.Kind is BehaviorEventKind.MouseMove or BehaviorEventKind.TouchMove);
    }

    public IReadOnlyList<BehaviorEvent> Events { get; }

    public double DurationMs { get; }

    public IReadOnlyList<KeyStrike> Strikes { get; }

    /// <summary>Mouse buttons and fingers going down: what the replay marks (a click starts with one).</summary>
    public int Presses { get; }

    public int Moves { get; }

    public bool IsEmpty => _times.Length == 0;

    /// <summary>A position inside the recording.</summary>
    public double Clamp(double ms) => double.IsNaN(ms) ? 0 : Math.Clamp(ms, 0, DurationMs);

    /// <summary>Where <paramref name="ms"/> is, from 0 to 1 (0 for an empty or instant recording).</summary>
    public double Fraction(double ms) => DurationMs <= 0 ? 0 : Clamp(ms) / DurationMs;

    /// <summary>How many events have happened by <paramref name="ms"/>.</summary>
    public int EventsUntil(double ms)
    {
        var index = Array.BinarySearch(_times, Clamp(ms));
        if (index < 0)
        {
            return ~index;
        }

        // Several events may share a time: count them all.
        while (index + 1 < _times.Length && _times[index + 1] == _times[index])
        {
            index++;
        }

        return index + 1;
    }

    /// <summary>What the drawing module gets: parallel arrays, times relative to the start.</summary>
    public object ToScriptData() => new
    {
        t = _times,
        x = Events.Select(e => e.X).ToArray(),
        y = Events.Select(e => e.Y).ToArray(),
        k = Events.Select(e => (int)e.Kind).ToArray(),
    };

    /// <summary>"12.3 s" or "2:05.0" for the position label.</summary>
    public static string Format(double ms)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return time.TotalMinutes >= 1
            ? $"{(int)time.TotalMinutes}:{time.Seconds:00}.{time.Milliseconds / 100}"
            : $"{time.TotalSeconds:0.0} s";
    }

    /// <summary>Each key down with the next key up of the same class and zone (the engine never records which key).</summary>
    private static List<KeyStrike> PairKeys(List<BehaviorEvent> ordered, double start)
    {
        var strikes = new List<KeyStrike>();
        var open = new Dictionary<(KeyClass, byte), Queue<int>>();
        foreach (var e in ordered)
        {
            if (e.Kind == BehaviorEventKind.KeyDown)
            {
                strikes.Add(new KeyStrike(e.TimestampMs - start, null, e.Key));
                var slot = (e.Key, e.KeyZone);
                if (!open.TryGetValue(slot, out var waiting))
                {
                    open[slot] = waiting = new Queue<int>();
                }

                waiting.Enqueue(strikes.Count - 1);
            }
            else if (e.Kind == BehaviorEventKind.KeyUp && open.TryGetValue((e.Key, e.KeyZone), out var waiting) && waiting.Count > 0)
            {
                var index = waiting.Dequeue();
                strikes[index] = strikes[index] with { HoldMs = e.TimestampMs - start - strikes[index].AtMs };
            }
        }

        return strikes;
    }
}
