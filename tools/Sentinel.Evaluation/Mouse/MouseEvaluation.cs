using System.Globalization;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;

namespace Sentinel.Evaluation.Mouse;

/// <summary>Parts (b) and (c) of the evaluation: SapiMouse humans and generated bots through the whole engine.</summary>
internal static class MouseEvaluation
{
    public static void Run(IReadOnlyList<RecordedSession> humans, int botsPerKind, int seed, bool verbose)
    {
        // The catalog holds every recorded human session, as the service would after seeing them once.
        var catalog = new InMemoryReplayCatalog();
        foreach (var human in humans)
        {
            catalog.Add(TrustEngine.Fingerprint(SessionReplayer.StateOf(human.Events), human.Name));
        }

        Console.WriteLine("## (b) Mouse, humans: SapiMouse sessions replayed through the engine (final action)");
        Console.WriteLine();
        Console.WriteLine("| users | sessions | ALLOW | CHALLENGE | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var verdicts = humans.Select(h => (h, SessionReplayer.Run(h.Events, new TrustContext(TrustPolicy.Default, h.Name, catalog)).Verdict)).ToList();
        foreach (var (label, from, to) in new[] { ("all", 1, int.MaxValue), ("1-30", 1, 30), ("31-60", 31, 60) })
        {
            var group = verdicts.Where(v => v.h.User >= from && v.h.User <= to).Select(v => v.Verdict.Action).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {group.Count} | {Outcomes.Share(group, TrustAction.Allow):P1} | {Outcomes.Share(group, TrustAction.Challenge):P1} | {Outcomes.Share(group, TrustAction.Block):P1} |"));
        }

        if (verbose)
        {
            foreach (var (human, verdict) in verdicts.Where(v => v.Verdict.Action != TrustAction.Allow))
            {
                Console.WriteLine($"  {human.Name}: {verdict.Action} {Describe(verdict)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("## (c) Mouse, bots: generated sessions (detected = BLOCK or CHALLENGE)");
        Console.WriteLine();
        Console.WriteLine("| kind | sessions | detected | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var bots = new MouseBots(seed);
        foreach (var kind in Enum.GetValues<MouseBotKind>())
        {
            var actions = new List<TrustAction>();
            for (var i = 0; i < botsPerKind; i++)
            {
                var (verdict, _) = SessionReplayer.Run(bots.Generate(kind, humans), new TrustContext(TrustPolicy.Default, $"bot-{kind}-{i}", catalog));
                actions.Add(verdict.Action);
                if (verbose && verdict.Action == TrustAction.Allow)
                {
                    Console.WriteLine($"  {kind} #{i}: {Describe(verdict)}");
                }
            }

            var crude = MouseBots.IsCrude(kind) ? " (crude)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind}{crude} | {actions.Count} | {1 - Outcomes.Share(actions, TrustAction.Allow):P1} | {Outcomes.Share(actions, TrustAction.Block):P1} |"));
        }

        Console.WriteLine();
        PrintAnomaly(humans);
    }

    /// <summary>The mouse anomaly model: each user's longer session as the baseline, the shorter ones as probes.</summary>
    private static void PrintAnomaly(IReadOnlyList<RecordedSession> humans)
    {
        var byUser = humans.GroupBy(h => h.User).Where(g => g.Count() >= 2).ToList();
        var baselines = byUser.ToDictionary(g => g.Key, g => SessionReplayer.StateOf(g.OrderByDescending(s => s.Events.Count).First().Events).Mouse.Profile);
        var probes = byUser.ToDictionary(g => g.Key, g => SessionReplayer.StateOf(g.OrderBy(s => s.Events.Count).First().Events).Mouse.Profile);
        var genuine = new List<double>();
        var impostor = new List<double>();
        foreach (var (user, baseline) in baselines)
        {
            foreach (var (probeUser, probe) in probes)
            {
                (probeUser == user ? genuine : impostor).Add(MouseAnomalyModel.Distance(baseline, probe));
            }
        }

        genuine.Sort();
        impostor.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mouse anomaly (baseline: each user's 3-min session; probes: 1-min sessions of all users): pooled EER {EqualErrorRate.Compute(genuine, impostor):F3}; genuine distance median {genuine[genuine.Count / 2]:F2}, impostor median {impostor[impostor.Count / 2]:F2}."));
    }

    public static string Describe(TrustVerdict verdict) => string.Join(", ", verdict.Reasons.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Reason}={r.Value:0.###}({r.Weight:+0.0;-0.0})"))) + string.Create(CultureInfo.InvariantCulture, $" score {verdict.Score:F2}");

}
