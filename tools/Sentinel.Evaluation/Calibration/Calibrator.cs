using System.Globalization;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Evaluation.Mouse;

namespace Sentinel.Evaluation.Calibration;

/// <summary>
/// Estimates <see cref="TrustCalibration"/> from data: per-stroke rates of each sign and per-click rates of
/// dispatched clicks among human sessions and among synthetic bot sessions, counted by the engine's own trackers
/// (so duplicates, segment breaks and the person's own pace are handled exactly as when scoring), and the stroke
/// temper from the overdispersion of humans' per-session shares.
/// </summary>
internal static class Calibrator
{
    /// <summary>Bot sessions per synthetic kind in a calibration.</summary>
    public const int BotsPerKind = 60;

    /// <summary>Seed of the calibration's bots; the evaluation's bots use another (--seed, default 1).</summary>
    public const int BotSeed = 7;

    public static TrustCalibration Calibrate(IReadOnlyList<RecordedSession> humans, string source, TextWriter? report = null)
    {
        var bots = new MouseBots(BotSeed);
        var botSessions = Enum.GetValues<MouseBotKind>().Where(MouseBots.IsSynthetic)
            .SelectMany(kind => Enumerable.Range(0, BotsPerKind).Select(_ => (IReadOnlyList<BehaviorEvent>)bots.Generate(kind, humans)))
            .ToList();
        var human = humans.Select(h => Count(h.Events)).ToList();
        var bot = botSessions.Select(Count).ToList();
        var noisy = human.Where(m => m.FrameNoise.Count >= TrustCalibration.FrameNoiseMinimumStrokes).Select(m => m.FrameNoise.Mean).Order().ToList();
        var steady = human.Where(m => m.Wobble.Count >= TrustCalibration.FrameNoiseMinimumStrokes).Select(m => m.Wobble.Mean).Order().ToList();
        var wobbleThreshold = steady.Count > 0 ? Math.Round(steady[(int)Math.Floor(0.01 * steady.Count)], 4) : 0.0;
        var noiseThreshold = noisy.Count > 0 ? Math.Round(noisy[(int)Math.Min(noisy.Count - 1, Math.Ceiling(0.99 * noisy.Count) - 1)], 4) : 1.0;

        SignRates Rates(Func<MouseTracker, int> hits, Func<MouseTracker, int> trials) =>
            SignRates.Estimate(human.Sum(hits), human.Sum(trials), bot.Sum(hits), bot.Sum(trials));

        var calibration = new TrustCalibration
        {
            AnySign = Rates(m => m.SyntheticStrokes, m => m.JudgedStrokes),
            Straight = Rates(m => m.StraightStrokes, m => m.JudgedStrokes),
            ConstantVelocity = Rates(m => m.ConstantVelocityStrokes, m => m.JudgedStrokes),
            Smooth = Rates(m => m.SmoothStrokes, m => m.JudgedStrokes),
            TooFast = Rates(m => m.TooFastStrokes, m => m.JudgedStrokes),
            OffClock = Rates(m => m.OffClockStrokes, m => m.JudgedStrokes),
            DispatchedClick = Rates(m => m.ZeroHoldClicks, m => m.Clicks),
            StrokeTemper = Temper(human),
            FrameNoiseThreshold = noiseThreshold,
            NoisyFrameSessions = SessionRates(human, bot, m => m.FrameNoise.Count >= TrustCalibration.FrameNoiseMinimumStrokes && m.FrameNoise.Mean > noiseThreshold),
            WobbleThreshold = wobbleThreshold,
            SteadySessions = SessionRates(human, bot, m => m.Wobble.Count >= TrustCalibration.FrameNoiseMinimumStrokes && m.Wobble.Mean < wobbleThreshold),
            Source = source,
        };
        calibration = calibration with
        {
            ReplayedSessions = ReplayRates(humans, bots),
        };

        if (report is not null)
        {
            Report(report, calibration, human, bot);
        }

        return calibration;
    }

    private static SignRates SessionRates(List<MouseTracker> human, List<MouseTracker> bot, Func<MouseTracker, bool> hit) =>
        SignRates.Estimate(human.Count(hit), human.Count, bot.Count(hit), bot.Count);

    /// <summary>
    /// Share of human sessions whose trajectories another human session holds at the replay threshold, against the
    /// share of replay bots (made from these humans: with noise, warped, re-timed) that the catalog finds.
    /// </summary>
    private static SignRates ReplayRates(IReadOnlyList<RecordedSession> humans, MouseBots bots)
    {
        var catalog = new InMemoryReplayCatalog();
        foreach (var h in humans)
        {
            catalog.Add(TrustEngine.Fingerprint(SessionReplayer.StateOf(h.Events), h.Name));
        }

        bool Found(IReadOnlyList<BehaviorEvent> events, string id) =>
            catalog.BestTrajectoryMatch(SessionReplayer.StateOf(events).Mouse.Trajectories, id).Containment >= PatternModel.ReplayContainment;

        var replayKinds = new[] { MouseBotKind.HumanReplayWithNoise, MouseBotKind.WarpedHumanStrokes, MouseBotKind.RetimedReplay };
        var replays = replayKinds.SelectMany(kind => Enumerable.Range(0, BotsPerKind).Select(_ => bots.Generate(kind, humans))).ToList();
        return SignRates.Estimate(humans.Count(h => Found(h.Events, h.Name)), humans.Count, replays.Count(r => Found(r, "replay")), replays.Count);
    }

    private static MouseTracker Count(IReadOnlyList<BehaviorEvent> events)
    {
        var state = SessionReplayer.StateOf(events);
        state.Mouse.EndStroke();
        return state.Mouse;
    }

    /// <summary>
    /// 1 / (Pearson chi-square over degrees of freedom) of the human sessions' any-sign counts: how many
    /// independent strokes one judged stroke of a person is worth. Bounded to [0.05, 1].
    /// </summary>
    private static double Temper(List<MouseTracker> human)
    {
        var sessions = human.Where(m => m.JudgedStrokes >= 10).ToList();
        var p = (double)sessions.Sum(m => m.SyntheticStrokes) / Math.Max(1, sessions.Sum(m => m.JudgedStrokes));
        if (sessions.Count < 2 || p <= 0 || p >= 1)
        {
            return 1;
        }

        var chiSquare = sessions.Sum(m =>
        {
            var expected = m.JudgedStrokes * p;
            return (m.SyntheticStrokes - expected) * (m.SyntheticStrokes - expected) / (expected * (1 - p));
        });
        var dispersion = chiSquare / (sessions.Count - 1);
        return Math.Round(Math.Clamp(1 / dispersion, 0.05, 1), 3);
    }

    private static void Report(TextWriter report, TrustCalibration c, List<MouseTracker> human, List<MouseTracker> bot)
    {
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Calibration ({c.Source}): {human.Count} human sessions, {human.Sum(m => m.JudgedStrokes)} judged strokes, {human.Sum(m => m.Clicks)} clicks; {bot.Count} synthetic bot sessions, {bot.Sum(m => m.JudgedStrokes)} strokes, {bot.Sum(m => m.Clicks)} clicks."));
        report.WriteLine();
        report.WriteLine("| signal | human rate | bot rate | log-LR per hit | per miss |");
        report.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, rates) in Rows(c))
        {
            report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rates.Human:0.0000} | {rates.Bot:0.0000} | {Math.Log(rates.Human / rates.Bot):+0.00;-0.00} | {Math.Log((1 - rates.Human) / (1 - rates.Bot)):+0.000;-0.000} |"));
        }

        report.WriteLine();
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stroke temper (1 / overdispersion of humans' per-session any-sign shares): {c.StrokeTemper:0.000}"));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Frame noise: 99th percentile of human session means {c.FrameNoiseThreshold:0.000}; sessions above it: humans {c.NoisyFrameSessions.Human:0.0000}, synthetic bots {c.NoisyFrameSessions.Bot:0.0000}, log-LR when found {Math.Log(c.NoisyFrameSessions.Human / c.NoisyFrameSessions.Bot):+0.00;-0.00}"));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wobble: 1st percentile of human session means {c.WobbleThreshold:0.000} rad/frame; sessions below it: humans {c.SteadySessions.Human:0.0000}, synthetic bots {c.SteadySessions.Bot:0.0000}, log-LR when found {Math.Log(c.SteadySessions.Human / c.SteadySessions.Bot):+0.00;-0.00}"));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Replay catalog match >= {PatternModel.ReplayContainment} (per session): humans against the other humans {c.ReplayedSessions.Human:0.0000}, replay bots {c.ReplayedSessions.Bot:0.0000}, log-LR when found {Math.Log(c.ReplayedSessions.Human / c.ReplayedSessions.Bot):+0.00;-0.00}"));
        report.WriteLine();
    }

    public static IEnumerable<(string Name, SignRates Rates)> Rows(TrustCalibration c) =>
    [
        ("any sign", c.AnySign), ("straight", c.Straight), ("constant velocity", c.ConstantVelocity), ("smooth", c.Smooth),
        ("too fast", c.TooFast), ("off clock", c.OffClock), ("dispatched click", c.DispatchedClick),
    ];

    /// <summary>The calibration as the C# initializer of <see cref="TrustCalibration.Shipped"/>.</summary>
    public static string AsCode(TrustCalibration c)
    {
        static string R(SignRates r) => string.Create(CultureInfo.InvariantCulture, $"new({r.Human:0.######}, {r.Bot:0.######})");
        return string.Join(Environment.NewLine,
            "    public static readonly TrustCalibration Shipped = new()",
            "    {",
            $"        AnySign = {R(c.AnySign)},",
            $"        Straight = {R(c.Straight)},",
            $"        ConstantVelocity = {R(c.ConstantVelocity)},",
            $"        Smooth = {R(c.Smooth)},",
            $"        TooFast = {R(c.TooFast)},",
            $"        OffClock = {R(c.OffClock)},",
            $"        DispatchedClick = {R(c.DispatchedClick)},",
            string.Create(CultureInfo.InvariantCulture, $"        StrokeTemper = {c.StrokeTemper:0.###},"),
            string.Create(CultureInfo.InvariantCulture, $"        FrameNoiseThreshold = {c.FrameNoiseThreshold:0.####},"),
            $"        NoisyFrameSessions = {R(c.NoisyFrameSessions)},",
            string.Create(CultureInfo.InvariantCulture, $"        WobbleThreshold = {c.WobbleThreshold:0.####},"),
            $"        SteadySessions = {R(c.SteadySessions)},",
            $"        ReplayedSessions = {R(c.ReplayedSessions)},",
            $"        Source = \"{c.Source}\",",
            "    };");
    }
}
