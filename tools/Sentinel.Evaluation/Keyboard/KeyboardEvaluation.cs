using System.Globalization;
using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Evaluation.Mouse;

namespace Sentinel.Evaluation.Keyboard;

/// <summary>Part (d): keyboard bots against the engine, with CMU typists as the human side.</summary>
internal static class KeyboardEvaluation
{
    public static void Run(List<CmuRepetition> rows, int botsPerKind, int seed, bool verbose)
    {
        var humans = KeyboardSessions.Humans(rows);
        var catalog = new InMemoryReplayCatalog(capacity: humans.Count);
        foreach (var human in humans)
        {
            catalog.Add(TrustEngine.Fingerprint(SessionReplayer.StateOf(human.Events), human.Name));
        }

        Console.WriteLine($"## (d) Keyboard: CMU typists ({KeyboardSessions.RepetitionsPerSession} repetitions per session) and keyboard bots (95% Wilson intervals)");
        Console.WriteLine();
        Console.WriteLine("| sessions | count | ALLOW | CHALLENGE | BLOCK |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var verdicts = humans.Select(h => (h, SessionReplayer.Run(h.Events, new TrustContext(TrustPolicy.Default, h.Name, catalog)).Verdict)).ToList();
        foreach (var (label, from, to) in new[] { ("humans, all subjects", 1, int.MaxValue), ("humans, subjects 1-25", 1, 25), ("humans, subjects 26-51", 26, 51) })
        {
            Print(label, verdicts.Where(v => v.h.Subject >= from && v.h.Subject <= to).Select(v => v.Verdict.Action).ToList());
        }

        if (verbose)
        {
            foreach (var (human, verdict) in verdicts.Where(v => v.Verdict.Action != TrustAction.Allow).Take(20))
            {
                Console.WriteLine($"  {human.Name}: {verdict.Action} {MouseEvaluation.Describe(verdict)}");
            }
        }

        var bots = new KeyboardSessions(seed);
        foreach (var kind in Enum.GetValues<KeyboardBotKind>())
        {
            var actions = new List<TrustAction>();
            for (var i = 0; i < botsPerKind; i++)
            {
                var (verdict, _) = SessionReplayer.Run(bots.Generate(kind, humans), new TrustContext(TrustPolicy.Default, $"bot-{kind}-{i}", catalog));
                actions.Add(verdict.Action);
                if (verbose && (verdict.Action == TrustAction.Allow || i < 2))
                {
                    Console.WriteLine($"  {kind} #{i}: {MouseEvaluation.Describe(verdict)}");
                }
            }

            Print($"bot: {kind}", actions);
        }

        Console.WriteLine();
    }

    private static void Print(string label, List<TrustAction> actions) => Console.WriteLine(
        $"| {label} | {actions.Count} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Allow), actions.Count)} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Challenge), actions.Count)} | {Outcomes.Rate(Outcomes.Count(actions, TrustAction.Block), actions.Count)} |");

}
