using System.Globalization;
using Sentinel.Domain.Trust.Keystrokes;
using Sentinel.Evaluation.Keyboard;

// Usage: dotnet run --project tools/Sentinel.Evaluation -c Release -- --data ../shared/data
var data = ArgValue(args, "--data") ?? "../shared/data";
var keystrokeFile = Path.Combine(data, "keystroke", "DSL-StrongPasswordData.csv");
if (!File.Exists(keystrokeFile))
{
    Console.Error.WriteLine($"Not found: {keystrokeFile}. Pass --data <folder with keystroke/ and mouse/>.");
    return 2;
}

if (args.Contains("--dump-strokes"))
{
    var humans = Sentinel.Evaluation.Mouse.SapiMouseData.Load(Path.Combine(data, "mouse", "sapimouse"));
    Sentinel.Evaluation.Mouse.StrokeDump.Print("humans", humans.Select(h => h.Events));
    var bots = new Sentinel.Evaluation.Mouse.MouseBots(7);
    foreach (var kind in Enum.GetValues<Sentinel.Evaluation.Mouse.MouseBotKind>())
    {
        Sentinel.Evaluation.Mouse.StrokeDump.Print(kind.ToString(), Enumerable.Range(0, 30).Select(_ => (IReadOnlyList<Sentinel.Domain.Trust.Events.BehaviorEvent>)bots.Generate(kind, humans)));
    }

    return 0;
}

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

var botsPerKind = int.Parse(ArgValue(args, "--bots") ?? "100", CultureInfo.InvariantCulture);
var seed = int.Parse(ArgValue(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
var verbose = args.Contains("--verbose");

var mouseFolder = Path.Combine(data, "mouse", "sapimouse");
if (Directory.Exists(mouseFolder))
{
    Sentinel.Evaluation.Mouse.MouseEvaluation.Run(Sentinel.Evaluation.Mouse.SapiMouseData.Load(mouseFolder), botsPerKind, seed, verbose);
}
else
{
    Console.WriteLine($"Skipping the mouse parts: {mouseFolder} not found.");
}

KeyboardEvaluation.Run(cmuRows, botsPerKind, seed, verbose);
return 0;

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
