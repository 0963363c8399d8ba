namespace Sentinel.Domain.Analytics;

/// <summary>Records what is wrong with one event, with its index in the batch.</summary>
internal struct EventFaults(int index, List<EventError> errors)
{
    public bool None { get; private set; } = true;

    public void Fail(string field, string reason)
    {
        errors.Add(new EventError(index, field, reason));
        None = false;
    }
}
