using System.Globalization;

namespace Sentinel.Evaluation.Keyboard;

/// <summary>One row of the CMU keystroke benchmark: a subject's repetition of the password as 31 timings.</summary>
internal sealed record CmuRepetition(string Subject, int Session, int Rep, double[] Timings);

internal static class CmuKeystrokeData
{
    public static List<CmuRepetition> Load(string path)
    {
        var rows = new List<CmuRepetition>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.TrimEnd('\r').Split(',');
            if (cells.Length < 4)
            {
                continue;
            }

            rows.Add(new CmuRepetition(
                cells[0],
                int.Parse(cells[1], CultureInfo.InvariantCulture),
                int.Parse(cells[2], CultureInfo.InvariantCulture),
                cells.Skip(3).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()));
        }

        return rows;
    }
}
