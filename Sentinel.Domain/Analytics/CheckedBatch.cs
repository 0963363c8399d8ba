using Sentinel.Domain.Analytics.Rows;

namespace Sentinel.Domain.Analytics;

/// <summary>
/// What the check of a request body found: whether it is a batch at all, how many events it holds, the valid ones
/// encoded as rows (what is queued) and where they are in the body, and why the others were rejected.
/// Disposing it gives the rows' pooled buffer back; <see cref="Rows"/> must not be used afterwards.
/// </summary>
public sealed class CheckedBatch : IDisposable
{
    public enum Outcome
    {
        Ok,
        NotJson,
        NotAnEventsObject,
        Empty,
        TooManyEvents,
    }

    private readonly List<(int Start, int Length)> valid;
    private readonly ApiEventRowWriter? rowBuffer;

    internal CheckedBatch(Outcome result, int count, List<(int Start, int Length)> valid, List<EventError> errors, ApiEventRows rows, string? jsonError = null, ApiEventRowWriter? rowBuffer = null)
    {
        this.rowBuffer = rowBuffer;
        Rows = rows;
        Result = result;
        Count = count;
        this.valid = valid;
        Errors = errors;
        JsonError = jsonError;
    }

    public Outcome Result { get; }

    public void Dispose() => rowBuffer?.Release();

    /// <summary>The valid events in the stores' row form, in the order of the batch; empty unless <see cref="Result"/> is Ok.</summary>
    public ApiEventRows Rows { get; }

    /// <summary>The number of elements in <c>events</c> (all of them, also past the limit).</summary>
    public int Count { get; }

    public int Accepted => valid.Count;

    public int Rejected => Count - valid.Count;

    /// <summary>Index, field and reason of each rejected event, in the order of the batch.</summary>
    public IReadOnlyList<EventError> Errors { get; }

    /// <summary>The parser's message when <see cref="Result"/> is <see cref="Outcome.NotJson"/>.</summary>
    public string? JsonError { get; }

    /// <summary>The valid events as one JSON array, copied from <paramref name="body"/> (the span that was checked): the form older versions queued.</summary>
    public byte[] ValidEventsJson(ReadOnlySpan<byte> body)
    {
        var length = 2 + Math.Max(0, valid.Count - 1);
        foreach (var (_, eventLength) in valid)
        {
            length += eventLength;
        }

        var json = new byte[length];
        var at = 0;
        json[at++] = (byte)'[';
        for (var i = 0; i < valid.Count; i++)
        {
            if (i > 0)
            {
                json[at++] = (byte)',';
            }

            var (start, eventLength) = valid[i];
            body.Slice(start, eventLength).CopyTo(json.AsSpan(at));
            at += eventLength;
        }

        json[at] = (byte)']';
        return json;
    }
}
