using System.Globalization;
using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Events;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Keystrokes;
using Sentinel.Evaluation;
using Sentinel.Evaluation.Calibration;
using Sentinel.Evaluation.Keyboard;
using Sentinel.Evaluation.Mouse;

// Usage (from the repository root):
//   dotnet run --project tools/Sentinel.Evaluation -c Release -- --data ../shared/data      shipped settings, all of DIR
//   ... --data ../shared/data --cross-validate      calibrate on users 1-30, report 31-60, and the reverse
//   ... --data ../shared/data --calibrate           the calibration behind TrustCalibration.Shipped (users 1-60)
//   ... --bot-sessions DIR                          every *.csv under DIR as one bot session
var botFolder = ArgValue(args, "--bot-sessions");
var dataGiven = ArgValue(args, "--data");
var data = dataGiven ?? "../shared/data";
var runData = dataGiven is not null || botFolder is null;
var botsPerKind = int.Parse(ArgValue(args, "--bots") ?? "100", CultureInfo.InvariantCulture);
var seed = int.Parse(ArgValue(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
var verbose = args.Contains("--verbose");
var keystrokeFile = Path.Combine(data, "keystroke", "DSL-StrongPasswordData.csv");
var mouseFolder = Path.Combine(data, "mouse", "sapimouse");
if (botFolder is not null && !Directory.Exists(botFolder))
{
    Console.Error.WriteLine($"Not found: {botFolder} (--bot-sessions takes a folder of SapiMouse-format CSV files).");
    return 2;
}

if (runData && !File.Exists(keystrokeFile) && !Directory.Exists(mouseFolder))
{
    Console.Error.WriteLine($"Neither {keystrokeFile} nor {mouseFolder} found. Pass --data <folder with keystroke/ and mouse/>.");
    return 2;
}

var humans = Directory.Exists(mouseFolder) ? SapiMouseData.Load(mouseFolder) : [];
if (args.Contains("--dump-strokes"))
{
    StrokeDump.Print("humans", humans.Select(h => h.Events));
    var bots = new MouseBots(7);
    foreach (var kind in Enum.GetValues<MouseBotKind>())
    {
        StrokeDump.Print(kind.ToString(), Enumerable.Range(0, 30).Select(_ => (IReadOnlyList<BehaviorEvent>)bots.Generate(kind, humans)));
    }

    return 0;
}

if (args.Contains("--replay-containment"))
{
    // How much of each session's trajectory fingerprint another session already holds: humans against the
    // other humans, and each bot kind against the humans. The evidence behind PatternModel's replay thresholds.
    var catalog = new Sentinel.Domain.Trust.Pattern.InMemoryReplayCatalog();
    foreach (var h in humans)
    {
        catalog.Add(Sentinel.Domain.Trust.TrustEngine.Fingerprint(SessionReplayer.StateOf(h.Events), h.Name));
    }

    static string Quantiles(List<double> v)
    {
        v.Sort();
        double Q(double q) => v[(int)Math.Min(v.Count - 1, q * v.Count)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Q(0.5):F3} p90 {Q(0.9):F3} p99 {Q(0.99):F3} max {v[^1]:F3}");
    }

    Console.WriteLine($"humans: {Quantiles(humans.Select(h => catalog.BestTrajectoryMatch(SessionReplayer.StateOf(h.Events).Mouse.Trajectories, h.Name).Containment).ToList())}");
    var b = new MouseBots(5);
    foreach (var kind in Enum.GetValues<MouseBotKind>())
    {
        Console.WriteLine($"{kind}: {Quantiles(Enumerable.Range(0, 60).Select(i => catalog.BestTrajectoryMatch(SessionReplayer.StateOf(b.Generate(kind, humans)).Mouse.Trajectories, "bot").Containment).ToList())}");
    }

    return 0;
}

if (args.Contains("--calibrate"))
{
    var (from, to) = UserRange(ArgValue(args, "--users") ?? "1-60");
    var training = humans.Where(h => h.User >= from && h.User <= to).ToList();
    var calibration = Calibrator.Calibrate(training, $"SapiMouse users {from}-{to} vs generated bots (seed {Calibrator.BotSeed})", Console.Out);
    Console.WriteLine(Calibrator.AsCode(calibration));
    return 0;
}

if (runData && File.Exists(keystrokeFile))
{
    var options = KeystrokeOptions.Default with
    {
        RecentSamples = int.Parse(ArgValue(args, "--recent") ?? KeystrokeOptions.Default.RecentSamples.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        FeatureCap = double.Parse(ArgValue(args, "--cap") ?? KeystrokeOptions.Default.FeatureCap.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        OutlierZ = double.Parse(ArgValue(args, "--outlier-z") ?? KeystrokeOptions.Default.OutlierZ.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        OutlierPenalty = double.Parse(ArgValue(args, "--outlier-penalty") ?? KeystrokeOptions.Default.OutlierPenalty.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        MinimumSpread = double.Parse(ArgValue(args, "--min-spread") ?? KeystrokeOptions.Default.MinimumSpread.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };
    Console.WriteLine("## (a) Keystroke: CMU benchmark, Killourhy & Maxion protocol (mean EER, sd over subjects)");
    Console.WriteLine();
    Console.WriteLine("| detector | subjects | mean EER | sd |");
    Console.WriteLine("| --- | --- | --- | --- |");
    var cmuRows = CmuKeystrokeData.Load(keystrokeFile);
    foreach (var row in KeystrokeEvaluation.Run(cmuRows, options))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Detector} | {row.Subjects} | {row.Mean:F3} | {row.StandardDeviation:F3} |"));
    }

    Console.WriteLine();
    Console.WriteLine(KeystrokeEvaluation.DistanceQuartiles);
    Console.WriteLine();
    KeyboardEvaluation.Run(cmuRows, botsPerKind, seed, verbose);
}

var results = new List<string>();
if (runData && humans.Count > 0)
{
    MouseResults mouse;
    if (args.Contains("--cross-validate"))
    {
        // Users 1-30 calibrate, 31 and up are reported; then the reverse. Nothing reported was calibrated on.
        mouse = new MouseResults();
        foreach (var (train, test) in new[] { ((1, 30), (31, int.MaxValue)), ((31, int.MaxValue), (1, 30)) })
        {
            var training = humans.Where(h => h.User >= train.Item1 && h.User <= train.Item2).ToList();
            var held = humans.Where(h => h.User >= test.Item1 && h.User <= test.Item2).ToList();
            if (training.Count == 0 || held.Count == 0)
            {
                continue;
            }

            var calibration = Calibrator.Calibrate(training, $"users {train.Item1}-{Math.Min(train.Item2, humans.Max(h => h.User))}", Console.Out);
            mouse.Add(MouseEvaluation.Run(held, humans, calibration, botsPerKind / 2, seed + train.Item1, verbose));
        }

        if (mouse.Humans.Count == 0)
        {
            Console.WriteLine("Cross-validation needs sessions of users 1-30 and of users 31 and up.");
        }

        MouseEvaluation.Print(mouse, "cross-validated; each half scored with the calibration of the other half");
    }
    else
    {
        mouse = MouseEvaluation.Run(humans, humans, TrustCalibration.Shipped, botsPerKind, seed, verbose);
        MouseEvaluation.Print(mouse, $"every session of {mouseFolder}, shipped settings unchanged");
    }

    MouseEvaluation.PrintAnomaly(humans);
    var actions = mouse.Humans.Select(h => h.Verdict.Action).ToList();
    results.Add($"RESULT humans_sessions={actions.Count} humans_block_pct={Outcomes.Percent(Outcomes.Count(actions, TrustAction.Block), actions.Count)} humans_challenge_pct={Outcomes.Percent(Outcomes.Count(actions, TrustAction.Challenge), actions.Count)}");
}
else if (runData)
{
    Console.WriteLine($"Skipping the mouse parts: {mouseFolder} not found.");
}

if (botFolder is not null)
{
    var (sessions, detected, blocked) = BotSessions.Run(botFolder, humans, verbose);
    results.Add($"RESULT bots_sessions={sessions} bots_detected_pct={Outcomes.Percent(detected, sessions)} bots_block_pct={Outcomes.Percent(blocked, sessions)}");
}

foreach (var line in results)
{
    Console.WriteLine(line);
}

return 0;

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static (int From, int To) UserRange(string text)
{
    var parts = text.Split('-');
    return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[^1], CultureInfo.InvariantCulture));
}
