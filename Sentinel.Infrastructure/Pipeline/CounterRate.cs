namespace Sentinel.Infrastructure.Pipeline;

/// <summary>
/// The rate of a cumulative counter over a sliding window of samples: (newest total − oldest total) / time between
/// them. One sample gives no rate (null), not zero: the page shows "measuring" rather than a false "idle".
/// A total that goes down (a counter that restarted) starts the window again.
/// </summary>
public sealed class CounterRate(TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, long Total)> _samples = new();

    public void Add(DateTimeOffset at, long total)
    {
        if (_samples.Count > 0)
        {
            var last = _samples.Last();
            if (total < last.Total)
            {
                _samples.Clear();
            }
            else if (at <= last.At)
            {
                return; // same instant, or the clock stepped back: keep the earlier sample
            }
        }

        _samples.Enqueue((at, total));

        // Keep one sample at or beyond the window's start, so the rate always spans the whole window once it can.
        while (_samples.Count > 2 && at - _samples.ElementAt(1).At >= window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Per second over the window; null until two samples exist.</summary>
    public double? PerSecond
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            var (firstAt, firstTotal) = _samples.Peek();
            var (lastAt, lastTotal) = _samples.Last();
            return (lastTotal - firstTotal) / (lastAt - firstAt).TotalSeconds;
        }
    }
}
