using Sentinel.Domain.Trust.Statistics;

namespace Sentinel.Domain.Trust.Mouse;

/// <summary>
/// Replay tokens of one stroke, each on two grids offset by half a cell so that a few pixels of noise rarely
/// moves both across a border. Endpoint tokens (start and end cell, log-duration) find a recording sent again;
/// shape tokens (where the pointer was at fixed fractions of the movement time, in the frame of the stroke's own
/// chord) survive moving, rotating and scaling a recorded stroke onto new endpoints and re-timing it.
/// </summary>
public static class StrokeTokens
{
    public const int PerStroke = 4;

    private const double CellSize = 24;
    private const double DurationBucketRatio = 1.25;

    /// <summary>Shape cells are this fraction of the chord: 5% of a 300 px movement is 15 px.</summary>
    private const double ShapeCell = 0.05;

    /// <summary>Below this chord the stroke's own frame is unstable (a few pixels turn it).</summary>
    private const double MinimumShapeChord = 60;

    private static ReadOnlySpan<double> ShapeFractions => [0.2, 0.4, 0.6, 0.8];

    /// <summary>Writes the stroke's tokens; returns how many (2 without a usable chord, else <see cref="PerStroke"/>).</summary>
    public static int Of(ReadOnlySpan<PathPoint> points, Span<ulong> into)
    {
        var start = points[0];
        var end = points[^1];
        var duration = Math.Max(1.0, end.TimestampMs - start.TimestampMs);
        var durationBucket = (long)Math.Floor(Math.Log(duration) / Math.Log(DurationBucketRatio));
        for (var grid = 0; grid < 2; grid++)
        {
            var offset = grid * CellSize / 2;
            var token = MinHashSketch.Mix((ulong)grid);
            token = MinHashSketch.Mix(token ^ (ulong)Cell(start.X, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(start.Y, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(end.X, offset));
            token = MinHashSketch.Mix(token ^ (ulong)Cell(end.Y, offset));
            into[grid] = MinHashSketch.Mix(token ^ (ulong)durationBucket);
        }

        double cx = end.X - start.X, cy = end.Y - start.Y;
        var chordSquared = (cx * cx) + (cy * cy);
        if (chordSquared < MinimumShapeChord * MinimumShapeChord || points.Length < 4)
        {
            return 2;
        }

        for (var grid = 0; grid < 2; grid++)
        {
            var token = MinHashSketch.Mix(0x5EED_0000UL + (ulong)grid);
            var segment = 1;
            foreach (var fraction in ShapeFractions)
            {
                var t = start.TimestampMs + (fraction * duration);
                while (segment < points.Length - 1 && points[segment].TimestampMs < t)
                {
                    segment++;
                }

                var a = points[segment - 1];
                var b = points[segment];
                var span = b.TimestampMs - a.TimestampMs;
                var f = span > 0 ? Math.Clamp((t - a.TimestampMs) / span, 0, 1) : 1;
                var px = a.X + ((b.X - a.X) * f) - start.X;
                var py = a.Y + ((b.Y - a.Y) * f) - start.Y;
                var along = ((px * cx) + (py * cy)) / chordSquared;
                var across = ((cx * py) - (cy * px)) / chordSquared;
                token = MinHashSketch.Mix(token ^ (ulong)(long)Math.Floor((along / ShapeCell) + (grid * 0.5)));
                token = MinHashSketch.Mix(token ^ (ulong)(long)Math.Floor((across / ShapeCell) + (grid * 0.5)));
            }

            into[2 + grid] = token;
        }

        return PerStroke;
    }

    private static long Cell(float coordinate, double offset) => (long)Math.Floor((coordinate + offset) / CellSize);
}
