using Hangfire.Logging;

namespace Sentinel.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is one static for the whole process, set from the last host's logger factory. When
/// several hosts share a process (the tests) and one is disposed, a log call from another host's Hangfire would
/// throw ObjectDisposedException inside Hangfire; this drops that one message instead. Getting the logger can throw
/// the same way (the factory creates it at once), so that is deferred to the first message. One host per process
/// in production, where it never fires.
/// </summary>
internal sealed class TolerantLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name) => new TolerantLog(new Lazy<ILog>(() => inner.GetLogger(name)));

    private sealed class TolerantLog(Lazy<ILog> inner) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Value.Log(logLevel, messageFunc!, exception!);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
