using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>Checked at start (ValidateOnStart): a wrong setting stops the app with the option's name, never fails a request.</summary>
internal sealed partial class SentinelOptionsValidator : IValidateOptions<SentinelOptions>
{
    public ValidateOptionsResult Validate(string? name, SentinelOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Key))
        {
            failures.Add("Sentinel:Key (the project ingest key) is required.");
        }

        if (!o.Endpoint.IsAbsoluteUri || (o.Endpoint.Scheme != Uri.UriSchemeHttp && o.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Sentinel:Endpoint must be an absolute http or https address.");
        }

        Range(failures, "MaxBatchSize", o.MaxBatchSize, 1, 1000);
        Range(failures, "MaxBufferSize", o.MaxBufferSize, o.MaxBatchSize, 10_000_000);
        Range(failures, "SampleRate", o.SampleRate, 0, 1);
        Range(failures, "FlushInterval", o.FlushInterval.TotalMilliseconds, 1, 3_600_000);
        Range(failures, "RetryBaseDelay", o.RetryBaseDelay.TotalMilliseconds, 1, 3_600_000);
        Range(failures, "RetryMaxDelay", o.RetryMaxDelay.TotalMilliseconds, o.RetryBaseDelay.TotalMilliseconds, 3_600_000);
        Range(failures, "RequestTimeout", o.RequestTimeout.TotalMilliseconds, 1, 600_000);
        Range(failures, "ShutdownTimeout", o.ShutdownTimeout.TotalMilliseconds, 0, 600_000);
        if (o.Environment is not null && !EnvironmentName().IsMatch(o.Environment))
        {
            failures.Add("Sentinel:Environment may contain only letters, digits, - _ and . (at most 64).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add($"Sentinel:{name} must be between {min} and {max} (got {value}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex EnvironmentName();
}
