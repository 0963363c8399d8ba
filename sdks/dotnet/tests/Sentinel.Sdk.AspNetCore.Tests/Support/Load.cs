using System.Diagnostics;

namespace Sentinel.Sdk.AspNetCore.Tests.Support;

/// <summary>Steady requests to an app (one at a time, a short pause between), each answer's latency kept with a phase label.</summary>
internal sealed class Load(HttpClient client, Func<int, string> path)
{
    private readonly List<(string Phase, double Ms, int Status)> _answers = [];

    public volatile string Phase = "start";

    public IReadOnlyList<(string Phase, double Ms, int Status)> Answers
    {
        get
        {
            lock (_answers)
            {
                return _answers.ToList();
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path(i), CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lock (_answers)
            {
                _answers.Add((Phase, ms, (int)response.StatusCode));
            }

            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
