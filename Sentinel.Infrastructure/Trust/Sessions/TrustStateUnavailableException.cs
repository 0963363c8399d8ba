namespace Sentinel.Infrastructure.Trust.Sessions;

/// <summary>The hot session state (Redis) cannot be read or written: callers answer CHALLENGE, never ALLOW.</summary>
public sealed class TrustStateUnavailableException : Exception
{
    public TrustStateUnavailableException()
    {
    }

    public TrustStateUnavailableException(string message)
        : base(message)
    {
    }

    public TrustStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
