using System.Diagnostics.Metrics;

namespace Sentinel.Infrastructure.Observability;

/// <summary>
/// Sentinel's own instruments, under the meter <c>Sentinel</c>. Names are stable: dashboards and alerts use them.
/// </summary>
public sealed class SentinelMetrics
{
    public const string MeterName = "Sentinel";

    private readonly Counter<long> _portalSignIns;

    public SentinelMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _portalSignIns = meter.CreateCounter<long>("sentinel.portal.sign_ins", unit: "{attempt}", description: "Portal password sign-in attempts by result.");
    }

    /// <param name="result">succeeded, failed or locked_out.</param>
    public void PortalSignIn(string result) => _portalSignIns.Add(1, new KeyValuePair<string, object?>("result", result));
}
