using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Keystrokes;

/// <summary>
/// The keyboard part of a session's state: keys held down right now (at most <see cref="MaxHeldKeys"/>), running
/// statistics of hold and key-to-key (flight) times, a histogram of flights for their entropy, and a
/// fingerprint of the rhythm to find replayed typing. Fixed size.
/// </summary>
public sealed class KeyTracker
{
    public const int MaxHeldKeys = 8;

    /// <summary>Holds shorter than this never moved a physical key.</summary>
    public const double ShortHoldMs = 10;

    /// <summary>Flights longer than this are pauses (thinking, reading), not rhythm.</summary>
    public const double MaxRhythmFlightMs = 1500;

    /// <summary>
    /// Rhythm tokens are runs of this many consecutive flights in bins 9% wide (8 per doubling), on two grids
    /// offset by half a bin. A person retyping the same phrase often repeats one flight's bin but rarely four in a
    /// row; a replay repeats them all, and with ±4 ms of jitter per event (a 150 ms flight moves by up to 5%) still
    /// mostly on one of the two grids. Sweep on CMU (docs/decisions/013): 3 flights in 4.4% bins found 83% of
    /// jittered replays; 4 in 9% bins 99%, with 0.5% of typists' sessions matching another of theirs.
    /// </summary>
    public const int RhythmShingle = 4;

    private const double BucketsPerDoubling = 8;

    private readonly int[] _heldKeys = new int[MaxHeldKeys];
    private readonly double[] _heldSince = new double[MaxHeldKeys];
    private int _held;
    private double _lastDownAt = double.NaN;
    private readonly double[] _recentFlights = new double[RhythmShingle - 1];
    private int _recentFlightCount;

    public int KeyDowns { get; private set; }

    public int ShortHolds { get; private set; }

    private RunningStats _holds;
    private RunningStats _flights;

    /// <summary>Log-milliseconds of hold times.</summary>
    public RunningStats Holds => _holds;

    /// <summary>Log-milliseconds of keydown-to-keydown times within rhythm.</summary>
    public RunningStats Flights => _flights;

    public TimingHistogram FlightHistogram { get; } = new();

    /// <summary>Fingerprint of the rhythm: runs of consecutive flights (see <see cref="RhythmShingle"/>).</summary>
    public MinHashSketch Rhythm { get; } = new();

    public void Add(in BehaviorEvent e)
    {
        var key = (e.KeyZone << 8) | (int)e.Key;
        if (e.Kind == BehaviorEventKind.KeyDown)
        {
            KeyDown(key, e);
        }
        else if (e.Kind == BehaviorEventKind.KeyUp)
        {
            KeyUp(key, e.TimestampMs);
        }
    }

    /// <summary>The clock went backwards: no flight or hold spans the break.</summary>
    public void Break()
    {
        _lastDownAt = double.NaN;
        _recentFlightCount = 0;
        _held = 0;
    }

    private void KeyDown(int key, in BehaviorEvent e)
    {
        if (Array.IndexOf(_heldKeys, key, 0, _held) >= 0)
        {
            return; // auto-repeat while held: not a new keystroke
        }

        KeyDowns++;
        if (!double.IsNaN(_lastDownAt))
        {
            var flight = e.TimestampMs - _lastDownAt;
            if (flight >= 0 && flight <= MaxRhythmFlightMs)
            {
                _flights.Add(Math.Log(flight + 1));
                FlightHistogram.Add(flight);
                AddRhythmToken(flight);
            }
            else
            {
                _recentFlightCount = 0; // a pause breaks the run
            }
        }

        _lastDownAt = e.TimestampMs;
        if (_held == MaxHeldKeys)
        {
            // More keys held than hands can hold: forget the oldest rather than grow.
            Array.Copy(_heldKeys, 1, _heldKeys, 0, MaxHeldKeys - 1);
            Array.Copy(_heldSince, 1, _heldSince, 0, MaxHeldKeys - 1);
            _held--;
        }

        _heldKeys[_held] = key;
        _heldSince[_held] = e.TimestampMs;
        _held++;
    }

    private void KeyUp(int key, double timestampMs)
    {
        var index = Array.IndexOf(_heldKeys, key, 0, _held);
        if (index < 0)
        {
            return;
        }

        var hold = timestampMs - _heldSince[index];
        _holds.Add(Math.Log(Math.Max(hold, 0) + 1));
        if (hold < ShortHoldMs)
        {
            ShortHolds++;
        }

        _held--;
        Array.Copy(_heldKeys, index + 1, _heldKeys, index, _held - index);
        Array.Copy(_heldSince, index + 1, _heldSince, index, _held - index);
    }

    private void AddRhythmToken(double flight)
    {
        if (_recentFlightCount == _recentFlights.Length)
        {
            for (var grid = 0; grid < 2; grid++)
            {
                var token = MinHashSketch.Mix((ulong)grid);
                foreach (var previous in _recentFlights)
                {
                    token = MinHashSketch.Mix(token ^ (ulong)Bucket(previous, grid / 2.0));
                }

                Rhythm.Add(MinHashSketch.Mix(token ^ (ulong)Bucket(flight, grid / 2.0)));
            }

            Array.Copy(_recentFlights, 1, _recentFlights, 0, _recentFlights.Length - 1);
            _recentFlightCount--;
        }

        _recentFlights[_recentFlightCount++] = flight;
    }

    private static long Bucket(double ms, double offset) => (long)Math.Floor((Math.Log2(Math.Max(ms, 1)) * BucketsPerDoubling) + offset);

    public void Write(LittleEndianWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(_held);
        for (var i = 0; i < _held; i++)
        {
            writer.WriteInt32(_heldKeys[i]);
            writer.WriteDouble(_heldSince[i]);
        }

        writer.WriteDouble(_lastDownAt);
        writer.WriteInt32(_recentFlightCount);
        for (var i = 0; i < _recentFlightCount; i++)
        {
            writer.WriteDouble(_recentFlights[i]);
        }

        writer.WriteInt32(KeyDowns);
        writer.WriteInt32(ShortHolds);
        _holds.Write(writer);
        _flights.Write(writer);
        FlightHistogram.Write(writer);
        Rhythm.Write(writer);
    }

    public void Read(ref StateReader reader)
    {
        _held = reader.ReadCount(MaxHeldKeys);
        for (var i = 0; i < _held; i++)
        {
            _heldKeys[i] = reader.ReadInt32();
            _heldSince[i] = reader.ReadDouble();
        }

        _lastDownAt = reader.ReadDouble();
        _recentFlightCount = reader.ReadCount(_recentFlights.Length);
        for (var i = 0; i < _recentFlightCount; i++)
        {
            _recentFlights[i] = reader.ReadDouble();
        }

        KeyDowns = reader.ReadCount(int.MaxValue);
        ShortHolds = reader.ReadCount(int.MaxValue);
        _holds = RunningStats.Read(ref reader);
        _flights = RunningStats.Read(ref reader);
        FlightHistogram.Read(ref reader);
        Rhythm.Read(ref reader);
    }
}
