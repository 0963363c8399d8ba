using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Mouse;

/// <summary>
/// The same human sessions as other devices and recordings would deliver them: the kinds of input that made
/// earlier versions block people they had not seen (issue 14). Not used for calibration; a stress test of the
/// device handling, printed beside the main table.
/// </summary>
internal static class DeviceVariants
{
    public static IEnumerable<(string Name, Func<IReadOnlyList<BehaviorEvent>, Random, List<BehaviorEvent>> Transform)> All =>
    [
        ("every position reported twice", Duplicated),
        ("40 Hz device, clicks are touchpad taps", Touchpad40Hz),
        ("clock jumps back 3 times", ClockJumps),
        ("moves 1.6x faster", Faster),
    ];

    private static List<BehaviorEvent> Duplicated(IReadOnlyList<BehaviorEvent> events, Random random) =>
        events.SelectMany(e => e.Kind == BehaviorEventKind.MouseMove ? [e, e with { TimestampMs = e.TimestampMs + (random.Next(2) * 4) }] : new[] { e })
            .OrderBy(e => e.TimestampMs).ToList();

    /// <summary>
    /// Reports on the device's own 25 ms clock: at each tick, the latest recorded position (real positions, so the
    /// hand's tremor stays), sent only when it changed; clicks become 2-7 ms taps.
    /// </summary>
    private static List<BehaviorEvent> Touchpad40Hz(IReadOnlyList<BehaviorEvent> events, Random random)
    {
        var result = new List<BehaviorEvent>(events.Count);
        var tick = events[0].TimestampMs + (random.NextDouble() * 25);
        (float X, float Y)? position = null, reported = null;
        var downAt = double.NaN;
        var dragged = false;
        foreach (var e in events)
        {
            for (; tick <= e.TimestampMs; tick += 25)
            {
                if (position is { } p && p != reported)
                {
                    result.Add(BehaviorEvent.Move(Math.Round(tick), p.X, p.Y));
                    reported = p;
                }
            }

            switch (e.Kind)
            {
                case BehaviorEventKind.MouseMove:
                    position = (e.X, e.Y);
                    dragged |= !double.IsNaN(downAt);
                    break;
                case BehaviorEventKind.MouseDown:
                    (downAt, dragged) = (e.TimestampMs, false);
                    result.Add(e);
                    break;
                default:
                    // A click without a drag becomes a tap; a drag keeps its release.
                    result.Add(double.IsNaN(downAt) || dragged ? e : e with { TimestampMs = downAt + 2 + random.Next(6) });
                    break;
            }
        }

        return result.OrderBy(e => e.TimestampMs).ToList();
    }

    private static List<BehaviorEvent> ClockJumps(IReadOnlyList<BehaviorEvent> events, Random random)
    {
        var cuts = Enumerable.Range(0, 3).Select(_ => random.Next(events.Count)).Order().ToArray();
        var shift = 0.0;
        var result = new List<BehaviorEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            shift -= cuts.Count(c => c == i) * (500 + (random.NextDouble() * 2500));
            result.Add(events[i] with { TimestampMs = events[i].TimestampMs + shift });
        }

        return result;
    }

    private static List<BehaviorEvent> Faster(IReadOnlyList<BehaviorEvent> events, Random random)
    {
        var start = events[0].TimestampMs;
        return events.Select(e => e with { TimestampMs = Math.Round(start + ((e.TimestampMs - start) / 1.6)) }).ToList();
    }
}
