using Sentinel.Domain.Trust;
using Sentinel.Domain.Trust.Fusion;
using Sentinel.Domain.Trust.Pattern;
using Sentinel.Evaluation.Mouse;

namespace Sentinel.Evaluation;

/// <summary>
/// <c>--bot-sessions DIR</c>: every <c>*.csv</c> under DIR (any depth, SapiMouse format) is one bot session, scored
/// with the shipped settings; anyone can measure their own bot recordings this way.
/// </summary>
internal static class BotSessions
{
    public static (int Sessions, int Detected, int Blocked) Run(string folder, IReadOnlyList<RecordedSession> known, bool verbose)
    {
        var catalog = new InMemoryReplayCatalog();
        foreach (var human in known)
        {
            catalog.Add(TrustEngine.Fingerprint(SessionReplayer.StateOf(human.Events), human.Name));
        }

        var files = Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var actions = new List<TrustAction>();
        foreach (var file in files)
        {
            var events = SapiMouseData.ReadSession(file);
            var name = Path.GetRelativePath(folder, file);
            var verdict = SessionReplayer.Run(events, new TrustContext(TrustPolicy.Default, $"bot-file:{name}", catalog)).Verdict;
            actions.Add(verdict.Action);
            if (verbose || verdict.Action == TrustAction.Allow)
            {
                Console.WriteLine($"  {name}: {events.Count} events, {verdict.Action} {MouseEvaluation.Describe(verdict)}");
            }
        }

        var detected = Outcomes.Count(actions, TrustAction.Challenge, TrustAction.Block);
        var blocked = Outcomes.Count(actions, TrustAction.Block);
        Console.WriteLine();
        Console.WriteLine($"## Bot sessions from {folder} (shipped settings; 95% Wilson intervals)");
        Console.WriteLine();
        Console.WriteLine("| sessions | detected | BLOCK |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| {files.Count} | {Outcomes.Rate(detected, files.Count)} | {Outcomes.Rate(blocked, files.Count)} |");
        Console.WriteLine();
        return (files.Count, detected, blocked);
    }
}
