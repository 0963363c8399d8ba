using System.Globalization;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Calibration;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Mouse;
using Sentinel.Domain.Trust.Pattern;

namespace Sentinel.Evaluation.Mouse;

/// <summary>What one mouse evaluation produced, so that held-out halves can be pooled.</summary>
internal sealed class MouseResults
{
    public List<(RecordedSession Session, TrustVerdict Verdict)> Humans { get; } = [];

    public Dictionary<MouseBotKind, List<TrustAction>> Bots { get; } = [];

    public Dictionary<string, List<TrustAction>> Variants { get; } = [];

    public void Add(MouseResults other)
    {
        Humans.AddRange(other.Humans);
        foreach (var (kind, actions) in other.Bots)
        {
            Bots.TryAdd(kind, []);
            Bots[kind].AddRange(actions);
        }

        foreach (var (name, actions) in other.Variants)
        {
            Variants.TryAdd(name, []);
            Variants[name].AddRange(actions);
        }
    }
}

/// <summary>Parts (b) and (c): SapiMouse humans and generated bots through the whole engine.</summary>
internal static class MouseEvaluation
{
    /// <summary>
    /// Scores <paramref name="humans"/> and bots made from them with <paramref name="calibration"/>. The replay
    /// catalog holds every session of <paramref name="known"/>, as the service would after seeing them once.
    /// </summary>
    public static MouseResults Run(IReadOnlyList<RecordedSession> humans, IReadOnlyList<RecordedSession> known, TrustCalibration calibration, int botsPerKind, int seed, bool verbose)
    {
        var catalog = new InMemoryReplayCatalog();
        foreach (var human in known)
        {
            catalog.Add(TrustEngine.Fingerprint(SessionReplayer.StateOf(human.Events), human.Name));
        }

        TrustContext Context(string id) => new(TrustPolicy.Default, id, catalog, Calibration: calibration);
        var results = new MouseResults();
        foreach (var human in humans)
        {
            results.Humans.Add((human, SessionReplayer.Run(human.Events, Context(human.Name)).Verdict));
        }

        var bots = new MouseBots(seed);
        foreach (var kind in Enum.GetValues<MouseBotKind>())
        {
            var actions = results.Bots[kind] = [];
            for (var i = 0; i < botsPerKind; i++)
            {
                var (verdict, _) = SessionReplayer.Run(bots.Generate(kind, humans), Context($"bot-{kind}-{i}"));
                actions.Add(verdict.Action);
                if (verbose && verdict.Action == TrustAction.Allow)
                {
                    Console.WriteLine($"  missed {kind} #{i}: {Describe(verdict)}");
                }
            }
        }

        var random = new Random(seed);
        foreach (var (name, transform) in DeviceVariants.All)
        {
            // The session id of the original: the catalog must not call a person's own recording a replay of itself.
            var actions = results.Variants[name] = [];
            foreach (var human in humans)
            {
                var verdict = SessionReplayer.Run(transform(human.Events, random), Context(human.Name)).Verdict;
                actions.Add(verdict.Action);
                if (verbose && verdict.Action != TrustAction.Allow)
                {
                    Console.WriteLine($"  {name}, {human.Name}: {verdict.Action} {Describe(verdict)}");
                }
            }
        }

        if (verbose)
        {
            foreach (var (human, verdict) in results.Humans.Where(v => v.Verdict.Action != TrustAction.Allow))
            {
                Console.WriteLine($"  {human.Name}: {verdict.Action} {Describe(verdict)}");
            }
        }

        return results;
    }

    public static void Print(MouseResults results, string humansLabel)
    {
        var humans = results.Humans;
        var users = humans.Select(h => h.Session.User).Distinct().Count();
        Console.WriteLine($"## (b) Mouse, humans: {humansLabel} (final action; 95% Wilson intervals)");
        Console.WriteLine();
        Console.WriteLine("| users | sessions | ALLOW | CHALLENGE | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (label, from, to) in new[] { ($"all ({users} users)", 1, int.MaxValue), ("1-30", 1, 30), ("31-60", 31, 60), ("61+", 61, int.MaxValue) })
        {
            var group = humans.Where(v => v.Session.User >= from && v.Session.User <= to).Select(v => v.Verdict.Action).ToList();
            if (group.Count > 0)
            {
                Console.WriteLine($"| {label} | {group.Count} | {Outcomes.Rate(Outcomes.Count(group, TrustAction.Allow), group.Count)} | {Outcomes.Rate(Outcomes.Count(group, TrustAction.Challenge), group.Count)} | {Outcomes.Rate(Outcomes.Count(group, TrustAction.Block), group.Count)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("The same sessions as other devices would deliver them (stress test, not calibrated on):");
        Console.WriteLine();
        Console.WriteLine("| device variant | sessions | CHALLENGE | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (name, actions) in results.Variants)
        {
            Console.WriteLine($"| {name} | {actions.Count} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Challenge), actions.Count)} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Block), actions.Count)} |");
        }

        Console.WriteLine();
        Console.WriteLine("## (c) Mouse, bots: generated sessions (detected = BLOCK or CHALLENGE; 95% Wilson intervals)");
        Console.WriteLine();
        Console.WriteLine("| kind | sessions | detected | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (kind, actions) in results.Bots)
        {
            var crude = MouseBots.IsCrude(kind) ? " (crude)" : "";
            Console.WriteLine($"| {kind}{crude} | {actions.Count} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Challenge, TrustAction.Block), actions.Count)} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Block), actions.Count)} |");
        }

        Console.WriteLine();
    }

    /// <summary>The mouse anomaly model: each user's longer session as the baseline, the shorter ones as probes.</summary>
    public static void PrintAnomaly(IReadOnlyList<RecordedSession> humans)
    {
        var byUser = humans.GroupBy(h => h.User).Where(g => g.Count() >= 2).ToList();
        if (byUser.Count < 2)
        {
            Console.WriteLine("Mouse anomaly: needs at least two users with two sessions each; skipped.");
            return;
        }

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
            $"Mouse anomaly (baseline: each user's longest session; probes: their shortest): pooled EER {EqualErrorRate.Compute(genuine, impostor):F3}; genuine distance median {genuine[genuine.Count / 2]:F2}, impostor median {impostor[impostor.Count / 2]:F2}."));
        Console.WriteLine();
    }

    public static string Describe(TrustVerdict verdict) => string.Join(", ", verdict.Reasons.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Reason}={r.Value:0.###}({r.Weight:+0.0;-0.0}{(r.Conclusive ? "!" : "")})"))) + string.Create(CultureInfo.InvariantCulture, $" score {verdict.Score:F2}");
}
