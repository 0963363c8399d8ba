using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sentinel.Infrastructure.Health;

/// <summary>
/// Readiness of an HTTP analytics store: ClickHouse answers <c>GET /ping</c> with <c>Ok.</c>, Tinybird answers
/// <c>GET /v0/datasources</c> for a valid token. Any 2xx counts as ready.
/// </summary>
internal sealed class HttpPingHealthCheck(HttpClient http, Func<HttpRequestMessage> request, string storeName) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{storeName} answered {(int)response.StatusCode}.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{storeName} answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{storeName} is unreachable.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{storeName} timed out.", ex);
        }
    }
}
