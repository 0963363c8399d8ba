using System.Globalization;
using System.Text;

namespace Sentinel.Web.Components.Pages.Overview;

/// <summary>
/// The points of a sparkline: values spread evenly across the width, scaled so the largest touches the top; all
/// zeros (or no values) lie on the baseline. A 1-pixel margin keeps the stroke inside the box.
/// </summary>
internal static class SparklineGeometry
{
    public static string Points(IReadOnlyList<long> values, double width, double height, long? max = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return Point(0, height - 1) + " " + Point(width, height - 1);
        }

        var top = Math.Max(1, max ?? values.Max());
        var step = values.Count == 1 ? 0 : width / (values.Count - 1);
        var builder = new StringBuilder(values.Count * 12);
        for (var i = 0; i < values.Count; i++)
        {
            var y = height - 1 - ((height - 2) * Math.Clamp(values[i], 0, top) / top);
            builder.Append(i == 0 ? "" : " ").Append(Point(i * step, y));
        }

        if (values.Count == 1)
        {
            builder.Append(' ').Append(Point(width, height - 1 - ((height - 2) * Math.Clamp(values[0], 0, top) / top)));
        }

        return builder.ToString();
    }

    private static string Point(double x, double y) =>
        Math.Round(x, 1).ToString(CultureInfo.InvariantCulture) + "," + Math.Round(y, 1).ToString(CultureInfo.InvariantCulture);
}
