using System.Globalization;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Evaluation.Mouse;

/// <summary>One recorded session: whose it is and its events in order.</summary>
internal sealed record RecordedSession(string Name, int User, IReadOnlyList<BehaviorEvent> Events);

/// <summary>
/// Reads SapiMouse (Antal et al., 2021): mouse/sapimouse/userN/session_*.csv with
/// <c>client timestamp,button,state,x,y</c>. Pressed/Released become mouse down/up (and a click on release),
/// Move and Drag become moves: the events a browser collector would send for the same hand. Folders such as
/// <c>user35.1</c> and <c>user35.2</c> are sessions of user 35; a user may have a single session.
/// </summary>
internal static class SapiMouseData
{
    public static IReadOnlyList<RecordedSession> Load(string folder)
    {
        var sessions = new List<RecordedSession>();
        foreach (var userFolder in Directory.GetDirectories(folder, "user*"))
        {
            var name = Path.GetFileName(userFolder);
            var number = name.AsSpan(4);
            var dot = number.IndexOf('.');
            if (!int.TryParse(dot >= 0 ? number[..dot] : number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var user))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(userFolder, "*.csv").Order(StringComparer.Ordinal))
            {
                var events = ReadSession(file);
                if (events.Count > 0)
                {
                    sessions.Add(new RecordedSession($"{name}/{Path.GetFileNameWithoutExtension(file)}", user, events));
                }
            }
        }

        return sessions.OrderBy(s => s.User).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One SapiMouse-format CSV as events; lines that do not parse are skipped.</summary>
    public static List<BehaviorEvent> ReadSession(string file)
    {
        var events = new List<BehaviorEvent>();
        foreach (var line in File.ReadLines(file))
        {
            var cells = line.Split(',');
            if (cells.Length < 5
                || !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                || !float.TryParse(cells[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !float.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                continue; // the header, or a damaged line
            }

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
