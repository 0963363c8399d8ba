using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// The mouse part of a session's state: the stroke being drawn (at most <see cref="StrokeAnalyzer.MaxPoints"/>
/// samples), counters of judged strokes and of each sign, the person's own pace, the stroke profile, clicks, and a
/// fingerprint of the trajectories. Fixed size, whatever the length of the session.
/// </summary>
public sealed class MouseTracker
{
    /// <summary>A pause longer than this ends a stroke.</summary>
    public const double StrokeGapMs = 100;

    /// <summary>
    /// A pointer that moves this far between two consecutive events, faster than <see cref="TeleportSpeed"/>, jumped.
    /// A distance alone is no test: a 40 Hz device reports a fast person's flick as 500 px steps.
    /// </summary>
    public const double TeleportDistance = 400;

    /// <summary>Px per ms no hand reaches (SapiMouse: 99.99% of steps under 20, the fastest flicks 28).</summary>
    public const double TeleportSpeed = 40;

    /// <summary>A click released within this of the press was dispatched: no button or touchpad driver is that quick.</summary>
    public const double DispatchedHoldMs = 1;

    /// <summary>Releases between <see cref="DispatchedHoldMs"/> and this are touchpad taps (SapiMouse user 31: 5-7 ms).</summary>
    public const double TapHoldMs = 8;

    private const int RecentTokenCount = 32;

    private readonly PathPoint[] _stroke = new PathPoint[StrokeAnalyzer.MaxPoints];
    private readonly ulong[] _recentTokens = new ulong[RecentTokenCount];
    private int _strokeLength;
    private int _recentNext;
    private bool _hasPointer;
    private float _lastX;
    private float _lastY;
    private double _lastPointerAt = double.NaN;
    private double _buttonDownAt = double.NaN;
    private RunningStats _pace;
    private RunningStats _frameNoise;
    private RunningStats _wobble;

    public int JudgedStrokes { get; private set; }

    public int SyntheticStrokes { get; private set; }

    public int StraightStrokes { get; private set; }

    public int ConstantVelocityStrokes { get; private set; }

    public int SmoothStrokes { get; private set; }

    public int TooFastStrokes { get; private set; }

    public int OffClockStrokes { get; private set; }

    public int RepeatedStrokes { get; private set; }

    public int Teleports { get; private set; }

    public int Clicks { get; private set; }

    /// <summary>Clicks released within <see cref="DispatchedHoldMs"/>.</summary>
    public int ZeroHoldClicks { get; private set; }

    /// <summary>Touchpad taps: counted for the reviewer, not evidence.</summary>
    public int Taps { get; private set; }

    /// <summary>Moves to the position the pointer already had: devices that report each position twice.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Log milliseconds per bit of the session's aimed strokes: the person's own pace.</summary>
    public RunningStats Pace => _pace;

    /// <summary>Per-stroke <see cref="StrokeFeatures.FrameNoise"/> of the session.</summary>
    public RunningStats FrameNoise => _frameNoise;

    /// <summary>Per-stroke <see cref="StrokeFeatures.MeanTurn"/> of the session: how much the hand wobbles.</summary>
    public RunningStats Wobble => _wobble;

    /// <summary>The session's stroke profile, compared with the user's baseline by the anomaly model.</summary>
    public MouseProfile Profile { get; } = new();

    /// <summary>Fingerprint of the session's trajectories (endpoints and duration, and shape, of each stroke).</summary>
    public MinHashSketch Trajectories { get; } = new();

    public void Add(in BehaviorEvent e)
    {
        switch (e.Kind)
        {
            case BehaviorEventKind.MouseMove:
                if (_hasPointer && e.X == _lastX && e.Y == _lastY)
                {
                    Duplicates++; // a repeated report of the same position carries no movement and no timing
                    return;
                }

                TrackJump(e);
                if (_strokeLength > 0 && (e.TimestampMs - _stroke[_strokeLength - 1].TimestampMs > StrokeGapMs || _strokeLength == _stroke.Length))
                {
                    EndStroke();
                }

                _stroke[_strokeLength++] = new PathPoint(e.X, e.Y, e.TimestampMs);
                break;
            case BehaviorEventKind.MouseDown:
                TrackJump(e);
                EndStroke();
                _buttonDownAt = e.TimestampMs;
                break;
            case BehaviorEventKind.MouseUp:
                TrackJump(e);
                EndStroke();
                CountClick(e.TimestampMs);
                break;
            default:
                break;
        }
    }

    /// <summary>The clock went backwards: what was being drawn is judged as it stands, and nothing spans the break.</summary>
    public void Break()
    {
        EndStroke();
        _buttonDownAt = double.NaN;
        _lastPointerAt = double.NaN;
    }

    /// <summary>Judges the stroke in progress, as if the pointer had stopped: on a click, or when the session ends.</summary>
    public void EndStroke()
    {
        if (_strokeLength == 0)
        {
            return;
        }

        var points = _stroke.AsSpan(0, _strokeLength);
        _strokeLength = 0;
        var features = StrokeAnalyzer.Analyze(points);
        if (!StrokeClassifier.IsJudgeable(features))
        {
            return;
        }

        JudgedStrokes++;
        var flags = StrokeClassifier.Classify(features, _pace);
        if (StrokeClassifier.MillisecondsPerBit(features) is { } pace)
        {
            _pace.Add(Math.Log(pace));
        }

        _frameNoise.Add(features.FrameNoise);
        _wobble.Add(features.MeanTurn);
        SyntheticStrokes += flags != StrokeSigns.None ? 1 : 0;
        StraightStrokes += flags.HasFlag(StrokeSigns.Straight) ? 1 : 0;
        ConstantVelocityStrokes += flags.HasFlag(StrokeSigns.ConstantVelocity) ? 1 : 0;
        SmoothStrokes += flags.HasFlag(StrokeSigns.Smooth) ? 1 : 0;
        TooFastStrokes += flags.HasFlag(StrokeSigns.TooFast) ? 1 : 0;
        OffClockStrokes += flags.HasFlag(StrokeSigns.OffClock) ? 1 : 0;
        Profile.Add(features);
        Fingerprint(points);
    }

    private void CountClick(double releasedAt)
    {
        if (double.IsNaN(_buttonDownAt))
        {
            return;
        }

        Clicks++;
        var hold = releasedAt - _buttonDownAt;
        ZeroHoldClicks += hold < DispatchedHoldMs ? 1 : 0;
        Taps += hold >= DispatchedHoldMs && hold < TapHoldMs ? 1 : 0;
        _buttonDownAt = double.NaN;
    }

    private void Fingerprint(ReadOnlySpan<PathPoint> points)
    {
        var repeated = false;
        Span<ulong> tokens = stackalloc ulong[StrokeTokens.PerStroke];
        var count = StrokeTokens.Of(points, tokens);
        for (var i = 0; i < count; i++)
        {
            // Only the endpoint tokens (the first two) say "the same stroke twice in this session"; shapes recur.
            if (i < 2)
            {
                repeated |= Array.IndexOf(_recentTokens, tokens[i]) >= 0;
                _recentTokens[_recentNext] = tokens[i];
                _recentNext = (_recentNext + 1) % RecentTokenCount;
            }

            Trajectories.Add(tokens[i]);
        }

        RepeatedStrokes += repeated ? 1 : 0;
    }

    private void TrackJump(in BehaviorEvent e)
    {
        if (_hasPointer)
        {
            var dx = e.X - _lastX;
            var dy = e.Y - _lastY;
            var distance = Math.Sqrt((dx * dx) + (dy * dy));
            var interval = double.IsNaN(_lastPointerAt) ? 0 : Math.Max(0, e.TimestampMs - _lastPointerAt);
            if (distance > TeleportDistance && distance > TeleportSpeed * Math.Max(interval, 1))
            {
                Teleports++;
            }
        }

        _hasPointer = true;
        _lastX = e.X;
        _lastY = e.Y;
        _lastPointerAt = e.TimestampMs;
    }

    public void Write(LittleEndianWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(_strokeLength);
        for (var i = 0; i < _strokeLength; i++)
        {
            writer.WriteSingle(_stroke[i].X);
            writer.WriteSingle(_stroke[i].Y);
            writer.WriteDouble(_stroke[i].TimestampMs);
        }

        foreach (var token in _recentTokens)
        {
            writer.WriteUInt64(token);
        }

        writer.WriteInt32(_recentNext);
        writer.WriteByte(_hasPointer ? (byte)1 : (byte)0);
        writer.WriteSingle(_lastX);
        writer.WriteSingle(_lastY);
        writer.WriteDouble(_buttonDownAt);
        foreach (var counter in (ReadOnlySpan<int>)[JudgedStrokes, SyntheticStrokes, StraightStrokes, ConstantVelocityStrokes, SmoothStrokes, RepeatedStrokes, Teleports, Clicks, ZeroHoldClicks])
        {
            writer.WriteInt32(counter);
        }

        Profile.Write(writer);
        Trajectories.Write(writer);
    }

    /// <summary>What format 2 added; written after the rest of the state so that format 1 still reads.</summary>
    public void WriteDeviceState(LittleEndianWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var counter in (ReadOnlySpan<int>)[TooFastStrokes, OffClockStrokes, Taps, Duplicates])
        {
            writer.WriteInt32(counter);
        }

        _pace.Write(writer);
        _frameNoise.Write(writer);
        writer.WriteDouble(_lastPointerAt);
        _wobble.Write(writer);
    }

    public void Read(ref StateReader reader)
    {
        _strokeLength = reader.ReadCount(_stroke.Length);
        for (var i = 0; i < _strokeLength; i++)
        {
            _stroke[i] = new PathPoint(reader.ReadSingle(), reader.ReadSingle(), reader.ReadDouble());
        }

        for (var i = 0; i < _recentTokens.Length; i++)
        {
            _recentTokens[i] = reader.ReadUInt64();
        }

        _recentNext = reader.ReadCount(RecentTokenCount - 1);
        _hasPointer = reader.ReadByte() != 0;
        _lastX = reader.ReadSingle();
        _lastY = reader.ReadSingle();
        _buttonDownAt = reader.ReadDouble();
        JudgedStrokes = reader.ReadCount(int.MaxValue);
        SyntheticStrokes = reader.ReadCount(int.MaxValue);
        StraightStrokes = reader.ReadCount(int.MaxValue);
        ConstantVelocityStrokes = reader.ReadCount(int.MaxValue);
        SmoothStrokes = reader.ReadCount(int.MaxValue);
        RepeatedStrokes = reader.ReadCount(int.MaxValue);
        Teleports = reader.ReadCount(int.MaxValue);
        Clicks = reader.ReadCount(int.MaxValue);
        ZeroHoldClicks = reader.ReadCount(int.MaxValue);
        Profile.Read(ref reader);
        Trajectories.Read(ref reader);
    }

    public void ReadDeviceState(ref StateReader reader)
    {
        TooFastStrokes = reader.ReadCount(int.MaxValue);
        OffClockStrokes = reader.ReadCount(int.MaxValue);
        Taps = reader.ReadCount(int.MaxValue);
        Duplicates = reader.ReadCount(int.MaxValue);
        _pace = RunningStats.Read(ref reader);
        _frameNoise = RunningStats.Read(ref reader);
        _lastPointerAt = reader.ReadDouble();
        _wobble = RunningStats.Read(ref reader);
    }
}
