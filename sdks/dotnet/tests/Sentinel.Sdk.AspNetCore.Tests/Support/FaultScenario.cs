namespace Sentinel.Sdk.AspNetCore.Tests.Support;

/// <summary>
/// The fault sequence while an app serves steady traffic: Sentinel answers 503, then 429 with Retry-After,
/// then is down (connection refused) for 10 s, then is back.
/// </summary>
internal static class FaultScenario
{
    public static readonly string[] FaultPhases = ["503", "429", "down"];

    public static async Task RunAsync(FaultProxy proxy, Load load)
    {
        using var stop = new CancellationTokenSource();
        proxy.Mode = FaultProxy.Fault.ServiceUnavailable;
        // The first requests of a fresh app pay for JIT compilation; they are served and counted, not timed.
        load.Phase = "warmup";
        var traffic = Task.Run(() => load.RunAsync(stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(1));
        load.Phase = "503";
        await Task.Delay(TimeSpan.FromSeconds(2));
        proxy.Mode = FaultProxy.Fault.TooManyRequests;
        load.Phase = "429";
        await Task.Delay(TimeSpan.FromSeconds(2));
        load.Phase = "down";
        await proxy.GoDownAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        proxy.Mode = FaultProxy.Fault.PassThrough;
        await proxy.StartAsync();
        load.Phase = "back";
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await traffic;
    }

    /// <summary>One line per phase: requests and p50/p99/max latency of the app's own answers.</summary>
    public static string Describe(Load load) => string.Join("\n", load.Answers.GroupBy(a => a.Phase).Select(g =>
        $"{g.Key}: {g.Count()} requests, p50 {Load.Percentile(g.Select(a => a.Ms), 0.5):F2} ms, p99 {Load.Percentile(g.Select(a => a.Ms), 0.99):F2} ms, max {g.Max(a => a.Ms):F2} ms"));
}
