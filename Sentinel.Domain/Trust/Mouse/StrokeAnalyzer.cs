namespace Sentinel.Domain.Trust.Mouse;

/// <summary>Computes <see cref="StrokeFeatures"/> from a stroke's samples; pure and allocation-free.</summary>
public static class StrokeAnalyzer
{
    /// <summary>Strokes are cut at this many samples, which bounds the buffer the session keeps.</summary>
    public const int MaxPoints = 96;

    /// <summary>Browsers coalesce to at most one event per millisecond or so; a floor keeps speeds finite.</summary>
    private const double MinimumIntervalMs = 0.5;

    /// <summary>Heading changes smaller than this (radians) are pixel rounding, not movement.</summary>
    private const double TurnNoise = 0.08;

    public static StrokeFeatures Analyze(ReadOnlySpan<PathPoint> points)
    {
        var n = points.Length;
        if (n < 2)
        {
            return new StrokeFeatures(n, 0, 0, 0, 0, 0, 0, 0, 0, double.NaN, 0, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN);
        }

        Span<double> speeds = stackalloc double[n - 1];
        Span<double> steps = stackalloc double[n - 1];
        double path = 0, maxSpeed = 0, maxStep = 0, intervalSum = 0, intervalSquares = 0;
        double previousHeading = double.NaN, previousTurn = 0;
        int turns = 0, reversals = 0;
        for (var i = 1; i < n; i++)
        {
            var dx = points[i].X - points[i - 1].X;
            var dy = points[i].Y - points[i - 1].Y;
            var step = Math.Sqrt((dx * dx) + (dy * dy));
            var dt = Math.Max(points[i].TimestampMs - points[i - 1].TimestampMs, MinimumIntervalMs);
            path += step;
            maxStep = Math.Max(maxStep, step);
            speeds[i - 1] = step / dt;
            steps[i - 1] = step;
            maxSpeed = Math.Max(maxSpeed, speeds[i - 1]);
            intervalSum += dt;
            intervalSquares += dt * dt;

            if (step >= 2.0)
            {
                var heading = Math.Atan2(dy, dx);
                if (!double.IsNaN(previousHeading))
                {
                    var turn = WrapAngle(heading - previousHeading);
                    if (Math.Abs(turn) > TurnNoise)
                    {
                        if (previousTurn != 0 && Math.Sign(turn) != Math.Sign(previousTurn))
                        {
                            reversals++;
                        }

                        previousTurn = turn;
                        turns++;
                    }
                }

                previousHeading = heading;
            }
        }

        var duration = points[n - 1].TimestampMs - points[0].TimestampMs;
        var chordX = points[n - 1].X - points[0].X;
        var chordY = points[n - 1].Y - points[0].Y;
        var meanSpeed = duration > 0 ? path / duration : 0;
        var (speedMean, speedSd) = MeanAndDeviation(speeds);
        var intervals = n - 1;
        var intervalMean = intervalSum / intervals;
        var intervalSd = Math.Sqrt(Math.Max(0, (intervalSquares / intervals) - (intervalMean * intervalMean)));
        var (resampledRoughness, speedFlips, turnFlips, meanTurn) = Resampled(points);

        return new StrokeFeatures(
            Points: n,
            DurationMs: duration,
            PathLength: path,
            Chord: Math.Sqrt((chordX * chordX) + (chordY * chordY)),
            MeanSpeed: meanSpeed,
            MaxSpeed: maxSpeed,
            SpeedCv: speedMean > 0 ? speedSd / speedMean : 0,
            SpeedRoughness: Roughness(speeds, speedMean),
            StepRoughness: Roughness(steps, path / (n - 1)),
            ResampledRoughness: resampledRoughness,
            OffGridIntervals: OffGridIntervals(points),
            VelocityPeaks: CountPeaks(speeds),
            TurnSignChanges: turns > 1 ? (double)reversals / (turns - 1) : 0,
            IntervalCv: intervalMean > 0 ? intervalSd / intervalMean : 0,
            MaxStep: maxStep,
            SpeedFlips: speedFlips,
            ResampledTurnFlips: turnFlips,
            MeanTurn: meanTurn);
    }

    /// <summary>
    /// Share of sampling intervals more than 20% (and more than the timestamps' resolution) away from every multiple
    /// (1-3x) of the stroke's median interval.
    /// Input devices report on a clock and browsers deliver on display frames, so human strokes sit on a grid of
    /// periods; events sent whenever a driver's round trip completes do not.
    /// </summary>
    private static double OffGridIntervals(ReadOnlySpan<PathPoint> points)
    {
        Span<double> intervals = stackalloc double[points.Length - 1];
        for (var i = 1; i < points.Length; i++)
        {
            intervals[i - 1] = points[i].TimestampMs - points[i - 1].TimestampMs;
        }

        Span<double> sorted = stackalloc double[intervals.Length];
        intervals.CopyTo(sorted);
        sorted.Sort();
        var median = sorted[sorted.Length / 2];
        if (median <= 0)
        {
            return 0;
        }

        // Timestamps in whole milliseconds (some browsers, privacy settings) put every interval up to 1 ms off the
        // device's period: at 200 Hz and more that alone is 20%, so the tolerance is never below the resolution.
        var tolerance = Math.Max(0.2 * median, WholeMilliseconds(points) ? 1.0 : 0.0);
        var off = 0;
        foreach (var interval in intervals)
        {
            var multiple = Math.Clamp(Math.Round(interval / median), 1, 3);
            if (Math.Abs(interval - (multiple * median)) > tolerance)
            {
                off++;
            }
        }

        return (double)off / intervals.Length;
    }

    private static bool WholeMilliseconds(ReadOnlySpan<PathPoint> points)
    {
        foreach (var point in points)
        {
            if (point.TimestampMs != Math.Floor(point.TimestampMs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The frame interval the roughness is measured at, whatever rate the device and browser report.</summary>
    public const double ResampleIntervalMs = 1000.0 / 60;

    /// <summary>
    /// <see cref="Roughness"/> of the step lengths after resampling the path in time at
    /// <see cref="ResampleIntervalMs"/> (the profile of a smooth curve gets smoother the faster it is sampled, so
    /// comparing raw step lengths would call every 144 Hz mouse a bot), and the share of resampled steps where the
    /// speed turns from rising to falling or back: a hand and a mouse have mass, so speed changes for several frames
    /// in a row, while noise added to each frame's progress turns it on two frames of three.
    /// </summary>
    private static (double Roughness, double SpeedFlips, double TurnFlips, double MeanTurn) Resampled(ReadOnlySpan<PathPoint> points)
    {
        var start = points[0].TimestampMs;
        var frames = (int)((points[^1].TimestampMs - start) / ResampleIntervalMs);
        if (frames < 4)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Span<double> steps = stackalloc double[Math.Min(frames, 4 * MaxPoints)];
        Span<double> headings = stackalloc double[steps.Length];
        var segment = 1;
        double previousX = points[0].X, previousY = points[0].Y, total = 0;
        for (var k = 1; k <= steps.Length; k++)
        {
            var t = start + (k * ResampleIntervalMs);
            while (segment < points.Length - 1 && points[segment].TimestampMs < t)
            {
                segment++;
            }

            var a = points[segment - 1];
            var b = points[segment];
            var span = b.TimestampMs - a.TimestampMs;
            var f = span > 0 ? Math.Clamp((t - a.TimestampMs) / span, 0, 1) : 1;
            var x = a.X + ((b.X - a.X) * f);
            var y = a.Y + ((b.Y - a.Y) * f);
            steps[k - 1] = Math.Sqrt(((x - previousX) * (x - previousX)) + ((y - previousY) * (y - previousY)));
            headings[k - 1] = steps[k - 1] >= 2 ? Math.Atan2(y - previousY, x - previousX) : double.NaN;
            total += steps[k - 1];
            (previousX, previousY) = (x, y);
        }

        return (Roughness(steps, total / steps.Length), SpeedFlips(steps, total / steps.Length), TurnFlips(headings), MeanTurn(headings));
    }

    /// <summary>Mean absolute change of heading per 60 Hz frame, radians (NaN under three headings).</summary>
    private static double MeanTurn(ReadOnlySpan<double> headings)
    {
        var previous = double.NaN;
        double total = 0;
        var count = 0;
        foreach (var heading in headings)
        {
            if (double.IsNaN(heading))
            {
                continue;
            }

            if (!double.IsNaN(previous))
            {
                total += Math.Abs(WrapAngle(heading - previous));
                count++;
            }

            previous = heading;
        }

        return count >= 3 ? total / count : double.NaN;
    }

    /// <summary>Share of 60 Hz turns that reverse the previous turn's direction (turns under 0.03 rad ignored).</summary>
    private static double TurnFlips(ReadOnlySpan<double> headings)
    {
        var previousHeading = double.NaN;
        var previousSign = 0;
        int flips = 0, turns = 0;
        foreach (var heading in headings)
        {
            if (double.IsNaN(heading))
            {
                continue;
            }

            if (!double.IsNaN(previousHeading))
            {
                var turn = WrapAngle(heading - previousHeading);
                if (Math.Abs(turn) >= 0.03)
                {
                    var sign = Math.Sign(turn);
                    if (previousSign != 0)
                    {
                        turns++;
                        flips += sign != previousSign ? 1 : 0;
                    }

                    previousSign = sign;
                }
            }

            previousHeading = heading;
        }

        return turns >= 3 ? (double)flips / turns : double.NaN;
    }

    /// <summary>Share of turns between rising and falling speed, ignoring changes under 2% of the mean step.</summary>
    private static double SpeedFlips(ReadOnlySpan<double> steps, double meanStep)
    {
        var previousSign = 0;
        int flips = 0, changes = 0;
        for (var i = 1; i < steps.Length; i++)
        {
            var delta = steps[i] - steps[i - 1];
            if (Math.Abs(delta) < 0.02 * meanStep)
            {
                continue;
            }

            var sign = Math.Sign(delta);
            if (previousSign != 0)
            {
                changes++;
                flips += sign != previousSign ? 1 : 0;
            }

            previousSign = sign;
        }

        return changes >= 3 ? (double)flips / changes : double.NaN;
    }

    private static double WrapAngle(double radians)
    {
        while (radians > Math.PI)
        {
            radians -= 2 * Math.PI;
        }

        while (radians < -Math.PI)
        {
            radians += 2 * Math.PI;
        }

        return radians;
    }

    private static (double Mean, double Deviation) MeanAndDeviation(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0;
        foreach (var value in values)
        {
            sum += value;
            squares += value * value;
        }

        var mean = sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, (squares / values.Length) - (mean * mean))));
    }

    /// <summary>Mean |v[i-1] - 2 v[i] + v[i+1]| over the mean: 0 for a linear ramp or a constant.</summary>
    private static double Roughness(ReadOnlySpan<double> speeds, double meanSpeed)
    {
        if (speeds.Length < 3 || meanSpeed <= 0)
        {
            return 0;
        }

        var total = 0.0;
        for (var i = 1; i < speeds.Length - 1; i++)
        {
            total += Math.Abs(speeds[i - 1] - (2 * speeds[i]) + speeds[i + 1]);
        }

        return total / (speeds.Length - 2) / meanSpeed;
    }

    /// <summary>
    /// Peaks of the speed profile separated by a dip to below 70% of the smaller neighbouring peak, ignoring
    /// peaks under a quarter of the top speed: the sub-movements of an aimed human movement.
    /// </summary>
    private static int CountPeaks(ReadOnlySpan<double> speeds)
    {
        if (speeds.Length == 0)
        {
            return 0;
        }

        var top = 0.0;
        foreach (var speed in speeds)
        {
            top = Math.Max(top, speed);
        }

        var floor = top * 0.25;
        var peaks = 0;
        var currentPeak = 0.0;
        var valley = double.MaxValue;
        var rising = true;
        foreach (var speed in speeds)
        {
            if (rising)
            {
                if (speed >= currentPeak)
                {
                    currentPeak = speed;
                }
                else if (currentPeak >= floor && speed < currentPeak * 0.7)
                {
                    peaks++;
                    rising = false;
                    valley = speed;
                }
            }
            else if (speed < valley)
            {
                valley = speed;
            }
            else if (speed > valley / 0.7 && speed >= floor)
            {
                rising = true;
                currentPeak = speed;
            }
        }

        return rising && currentPeak >= floor ? peaks + 1 : peaks;
    }
}
