using System.Globalization;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Mouse;

/// <summary>One recorded session: whose it is and its events in order.</summary>
internal sealed record RecordedSession(string Name, int User, IReadOnlyList<BehaviorEvent> Events);

/// <summary>
/// Reads SapiMouse (Antal et al., 2021): mouse/sapimouse/userN/session_*.csv with
/// <c>client timestamp,button,state,x,y</c>. Pressed/Released become mouse down/up (and a click on release),
/// Move and Drag become moves: the events a browser collector would send for the same hand.
/// </summary>
internal static class SapiMouseData
{
    public static IReadOnlyList<RecordedSession> Load(string folder)
    {
        var sessions = new List<RecordedSession>();
        foreach (var userFolder in Directory.GetDirectories(folder, "user*"))
        {
            if (!int.TryParse(Path.GetFileName(userFolder).AsSpan(4), NumberStyles.Integer, CultureInfo.InvariantCulture, out var user))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(userFolder, "*.csv").Order(StringComparer.Ordinal))
            {
                sessions.Add(new RecordedSession($"user{user}/{Path.GetFileNameWithoutExtension(file)}", user, ReadSession(file)));
            }
        }

        return sessions.OrderBy(s => s.User).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    private static List<BehaviorEvent> ReadSession(string file)
    {
        var events = new List<BehaviorEvent>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 5)
            {
                continue;
            }

            var t = double.Parse(cells[0], CultureInfo.InvariantCulture);
            var x = float.Parse(cells[3], CultureInfo.InvariantCulture);
            var y = float.Parse(cells[4], CultureInfo.InvariantCulture);
            switch (cells[2].Trim())
            {
                case "Pressed":
                    events.Add(BehaviorEvent.Down(t, x, y));
                    break;
                case "Released":
                    events.Add(BehaviorEvent.Up(t, x, y));
                    events.Add(new BehaviorEvent(BehaviorEventKind.Click, t, x, y));
                    break;
                default:
                    events.Add(BehaviorEvent.Move(t, x, y));
                    break;
            }
        }

        return events;
    }
}
