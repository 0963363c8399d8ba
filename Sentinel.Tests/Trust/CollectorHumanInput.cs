using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Sentinel.Tests.Trust;

/// <summary>
/// Recorded human input replayed into a real browser with its own timing: mouse movement from SapiMouse and a
/// password typed with the hold and flight times of the CMU keystroke benchmark (../shared/data, see its README).
/// The data is not in the repository; without it these tests fail, they never skip.
/// </summary>
internal static class CollectorHumanInput
{
    /// <summary>The CMU password `.tie5Roanl` + Return as physical keys (R is typed with Shift).</summary>
    private static readonly string[] PasswordKeys = ["Period", "KeyT", "KeyI", "KeyE", "Digit5", "KeyR", "KeyO", "KeyA", "KeyN", "KeyL", "Enter"];

    public static string DataDirectory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(CollectorHost.RepositoryRoot, "..", "shared", "data"));
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException(
                    $"The evaluation data is missing: expected {directory} (SapiMouse and the CMU keystroke benchmark, see its README). These tests need it and do not skip.");
            }

            return directory;
        }
    }

    /// <summary>One row of a SapiMouse session: client time (ms), button, state (Move, Pressed, Released, Drag), position.</summary>
    public sealed record MouseSample(double TimeMs, string Button, string State, double X, double Y);

    /// <summary>The first <paramref name="seconds"/> of a SapiMouse session.</summary>
    public static List<MouseSample> SapiMouse(int user, string session, double seconds)
    {
        var path = Path.Combine(DataDirectory, "mouse", "sapimouse", $"user{user}", $"session_{session}.csv");
        var samples = new List<MouseSample>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            var sample = new MouseSample(
                double.Parse(cells[0], CultureInfo.InvariantCulture),
                cells[1],
                cells[2],
                double.Parse(cells[3], CultureInfo.InvariantCulture),
                double.Parse(cells[4], CultureInfo.InvariantCulture));
            if (samples.Count > 0 && sample.TimeMs - samples[0].TimeMs > seconds * 1000)
            {
                break;
            }

            samples.Add(sample);
        }

        return samples;
    }

    /// <summary>
    /// Replays the trajectory in real time, each sample stamped with its recorded time, as an input device's driver
    /// stamps its reports. Playwright's <c>page.Mouse.MoveAsync</c> cannot carry a timestamp: Chromium stamps a driven
    /// event when it arrives, and on a loaded machine arrival jitters (measured here: 5.6 to 20 ms between samples a
    /// 60 Hz mouse reported 16-17 ms apart), which the physics model rightly reads as "off any device clock". So the
    /// same move goes through Playwright's CDP session with the timestamp field set.
    /// </summary>
    public static async Task<MousePointer> ReplayAsync(IPage page, IReadOnlyList<MouseSample> samples)
    {
        var pointer = await MousePointer.OpenAsync(page);
        var start = samples[0].TimeMs;
        var sent = new List<Task>(samples.Count * 2);
        var pressed = false;
        foreach (var sample in samples)
        {
            var at = sample.TimeMs - start;
            await UntilAsync(pointer.Clock, at);
            sent.Add(pointer.SendAsync("mouseMoved", sample.X, sample.Y, at, pressed));
            if (sample.State == "Pressed")
            {
                pressed = true;
                sent.Add(pointer.SendAsync("mousePressed", sample.X, sample.Y, at, pressed));
            }
            else if (sample.State == "Released")
            {
                pressed = false;
                sent.Add(pointer.SendAsync("mouseReleased", sample.X, sample.Y, at, pressed));
            }
        }

        await Task.WhenAll(sent);
        return pointer;
    }

    /// <summary>The mouse driven through CDP with explicit timestamps (milliseconds from <see cref="Clock"/>'s start).</summary>
    public sealed class MousePointer
    {
        private readonly ICDPSession _cdp;
        private readonly double _epochSeconds;

        private MousePointer(ICDPSession cdp)
        {
            _cdp = cdp;
            _epochSeconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public double X { get; private set; }

        public double Y { get; private set; }

        public static async Task<MousePointer> OpenAsync(IPage page) => new(await page.Context.NewCDPSessionAsync(page));

        public Task SendAsync(string type, double x, double y, double atMs, bool pressed)
        {
            (X, Y) = (x, y);
            var button = type == "mouseMoved" && !pressed ? "none" : "left";
            return _cdp.SendAsync("Input.dispatchMouseEvent", new Dictionary<string, object>
            {
                ["type"] = type,
                ["x"] = x,
                ["y"] = y,
                ["button"] = button,
                ["buttons"] = pressed || type == "mouseReleased" ? 1 : 0,
                ["clickCount"] = type == "mouseMoved" ? 0 : 1,
                ["timestamp"] = _epochSeconds + (atMs / 1000),
            });
        }

        /// <summary>A human click where the pointer is: the button held for <paramref name="holdMs"/>.</summary>
        public async Task ClickAsync(double holdMs = 95)
        {
            var down = Clock.Elapsed.TotalMilliseconds;
            await SendAsync("mousePressed", X, Y, down, pressed: true);
            await UntilAsync(Clock, down + holdMs);
            await SendAsync("mouseReleased", X, Y, down + holdMs, pressed: false);
        }
    }

    /// <summary>Types the CMU password with the timings of one repetition of one subject (keydown and keyup times).</summary>
    public static async Task TypePasswordAsync(IPage page, string subject, int sessionIndex, int repetition)
    {
        var path = Path.Combine(DataDirectory, "keystroke", "DSL-StrongPasswordData.csv");
        var header = File.ReadLines(path).First().Split(',');
        var row = File.ReadLines(path).Skip(1).Select(line => line.Split(','))
            .First(cells => cells[0] == subject && cells[1] == sessionIndex.ToString(CultureInfo.InvariantCulture) && cells[2] == repetition.ToString(CultureInfo.InvariantCulture));
        double Seconds(int column) => double.Parse(row[column], CultureInfo.InvariantCulture);

        // Columns after subject, sessionIndex, rep: H.k0, DD.k0.k1, UD.k0.k1, H.k1, ... H.Return.
        var actions = new List<(double AtMs, string Key, bool Down)>();
        var down = 0.0;
        for (var k = 0; k < PasswordKeys.Length; k++)
        {
            var hold = Seconds(3 + (k * 3)) * 1000;
            if (PasswordKeys[k] == "KeyR")
            {
                // The benchmark times R only; Shift goes down a little before it and up a little after.
                actions.Add((Math.Max(0, down - 60), "ShiftLeft", true));
                actions.Add((down + hold + 15, "ShiftLeft", false));
            }

            actions.Add((down, PasswordKeys[k], true));
            actions.Add((down + hold, PasswordKeys[k], false));
            if (k + 1 < PasswordKeys.Length)
            {
                Assert.StartsWith("DD.", header[4 + (k * 3)], StringComparison.Ordinal);
                down += Seconds(4 + (k * 3)) * 1000;
            }
        }

        var clock = Stopwatch.StartNew();
        foreach (var (atMs, key, isDown) in actions.OrderBy(a => a.AtMs))
        {
            await UntilAsync(clock, atMs);
            await (isDown ? page.Keyboard.DownAsync(key) : page.Keyboard.UpAsync(key));
        }
    }

    /// <summary>Waits until the stopwatch reads <paramref name="ms"/>: sleeps most of the way, then spins the last millisecond or two.</summary>
    private static async Task UntilAsync(Stopwatch clock, double ms)
    {
        var remaining = ms - clock.Elapsed.TotalMilliseconds;
        if (remaining > 3)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(remaining - 2));
        }

        while (clock.Elapsed.TotalMilliseconds < ms)
        {
            Thread.SpinWait(100);
        }
    }
}
