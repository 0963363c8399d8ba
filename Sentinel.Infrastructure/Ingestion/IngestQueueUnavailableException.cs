namespace Sentinel.Infrastructure.Ingestion;

/// <summary>The queue cannot accept work now: the endpoint answers 503 with Retry-After and the SDK retries.</summary>
public sealed class IngestQueueUnavailableException : Exception
{
    public IngestQueueUnavailableException()
    {
    }

    public IngestQueueUnavailableException(string message)
        : base(message)
    {
    }

    public IngestQueueUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
