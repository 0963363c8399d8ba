namespace Sentinel.Domain.Analytics;

/// <summary>
/// Records what is wrong with one event, with its index in the batch. <see cref="SourceIsUtf8"/> says that the whole
/// JSON was found to be valid UTF-8 before reading, so an unescaped string (bytes between two quotes) needs no check
/// of its own.
/// </summary>
internal struct EventFaults(int index, List<EventError> errors, bool sourceIsUtf8 = false)
{
    public bool None { get; private set; } = true;

    public readonly bool SourceIsUtf8 => sourceIsUtf8;

    public void Fail(string field, string reason)
    {
        errors.Add(new EventError(index, field, reason));
        None = false;
    }
}
