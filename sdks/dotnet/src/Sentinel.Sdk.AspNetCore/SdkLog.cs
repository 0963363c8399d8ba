using Microsoft.Extensions.Logging;

namespace Sentinel.Sdk.AspNetCore;

/// <summary>The SDK's log messages, through the app's logger (category <c>Sentinel.Sdk.AspNetCore.*</c>).</summary>
internal static partial class SdkLog
{
    [LoggerMessage(1, LogLevel.Error, "Sentinel SDK could not record a request.")]
    public static partial void RecordFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Sentinel answered {Failure}; retrying {Count} events in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string failure, int count, long delayMs);

    [LoggerMessage(3, LogLevel.Warning, "Sentinel SDK dropped {Count} events: {Reason}.")]
    public static partial void Dropped(ILogger logger, int count, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Sentinel rejected {Count} events: {Answer}")]
    public static partial void Rejected(ILogger logger, int count, string answer);
}
