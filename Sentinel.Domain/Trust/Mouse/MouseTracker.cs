using Sentinel.Domain.Binary;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// The mouse part of a session's state: the stroke being drawn (at most <see cref="StrokeAnalyzer.MaxPoints"/>
/// samples), counters of judged strokes, the user's stroke profile, clicks, and a fingerprint of the trajectories.
/// Fixed size, whatever the length of the session.
/// </summary>
public sealed class MouseTracker
{
    /// <summary>A pause longer than this ends a stroke.</summary>
    public const double StrokeGapMs = 100;

    /// <summary>A pointer that moves this far between two consecutive events jumped: no hand does that.</summary>
    public const double TeleportDistance = 400;

    /// <summary>A click held for less than this never touched a physical button.</summary>
    public const double ZeroHoldMs = 8;

    private const int RecentTokenCount = 32;
    private const double CellSize = 24;
    private const double DurationBucketRatio = 1.25;

    private readonly PathPoint[] _stroke = new PathPoint[StrokeAnalyzer.MaxPoints];
    private readonly ulong[] _recentTokens = new ulong[RecentTokenCount];
    private int _strokeLength;
    private int _recentNext;
    private bool _hasPointer;
    private float _lastX;
    private float _lastY;
    private double _buttonDownAt = double.NaN;

    public int JudgedStrokes { get; private set; }

    public int SyntheticStrokes { get; private set; }

    public int StraightStrokes { get; private set; }

    public int ConstantVelocityStrokes { get; private set; }

    public int SmoothStrokes { get; private set; }

    public int RepeatedStrokes { get; private set; }

    public int Teleports { get; private set; }

    public int Clicks { get; private set; }

    public int ZeroHoldClicks { get; private set; }

    /// <summary>The session's stroke profile, compared with the user's baseline by the anomaly model.</summary>
    public MouseProfile Profile { get; } = new();

    /// <summary>Fingerprint of the session's trajectories (start, end and duration of each stroke).</summary>
    public MinHashSketch Trajectories { get; } = new();

    public void Add(in BehaviorEvent e)
    {
        switch (e.Kind)
        {
            case BehaviorEventKind.MouseMove:
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
                if (!double.IsNaN(_buttonDownAt))
                {
                    Clicks++;
                    if (e.TimestampMs - _buttonDownAt < ZeroHoldMs)
                    {
                        ZeroHoldClicks++;
                    }

                    _buttonDownAt = double.NaN;
                }

                break;
            default:
                break;
        }
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
        var flags = StrokeClassifier.Classify(features);
        if (flags != StrokeSigns.None)
        {
            SyntheticStrokes++;
        }

        StraightStrokes += flags.HasFlag(StrokeSigns.Straight) ? 1 : 0;
        ConstantVelocityStrokes += flags.HasFlag(StrokeSigns.ConstantVelocity) ? 1 : 0;
        SmoothStrokes += flags.HasFlag(StrokeSigns.Smooth) ? 1 : 0;
        Profile.Add(features);
        Fingerprint(points[0], points[^1]);
    }

    /// <summary>
    /// Two tokens per stroke, on two grids offset by half a cell, so that a few pixels of added noise rarely moves
    /// both across a cell border; the same start, end and duration twice in one session is a replay.
    /// </summary>
    private void Fingerprint(PathPoint start, PathPoint end)
    {
        var duration = Math.Max(1.0, end.TimestampMs - start.TimestampMs);
        var durationBucket = (long)Math.Floor(Math.Log(duration) / Math.Log(DurationBucketRatio));
        var repeated = false;
        for (var grid = 0; grid < 2; grid++)
        {
            var offset = grid * CellSize / 2;
            var token = MinHashSketch.Mix((ulong)grid);
            token = MinHashSketch.Mix(token ^ (ulong)Cell(start.X, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(start.Y, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(end.X, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(end.Y, offset));
            token = MinHashSketch.Mix(token ^ (ulong)durationBucket);
            repeated |= Array.IndexOf(_recentTokens, token) >= 0;
            _recentTokens[_recentNext] = token;
            _recentNext = (_recentNext + 1) % RecentTokenCount;
            Trajectories.Add(token);
        }

        RepeatedStrokes += repeated ? 1 : 0;
    }

    private static long Cell(float coordinate, double offset) => (long)Math.Floor((coordinate + offset) / CellSize);

    private void TrackJump(in BehaviorEvent e)
    {
        if (_hasPointer)
        {
            var dx = e.X - _lastX;
            var dy = e.Y - _lastY;
            if ((dx * dx) + (dy * dy) > TeleportDistance * TeleportDistance)
            {
                Teleports++;
            }
        }

        _hasPointer = true;
        _lastX = e.X;
        _lastY = e.Y;
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
}
