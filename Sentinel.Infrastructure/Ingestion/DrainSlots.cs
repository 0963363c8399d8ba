using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.Infrastructure.Ingestion;

/// <summary>
/// This host's drain workers, one per slot, kept between the runs of the slot's drain job so that what a worker
/// holds (entries waiting through a store outage) and its claim clock carry over from one run to the next. A slot
/// runs at most once at a time on a host; a second run that finds it busy ends at once.
/// </summary>
public sealed class DrainSlots(IServiceProvider services)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (IngestWorker Worker, SemaphoreSlim Running)> _slots = [];

    public IngestWorker Worker(int slot) => Slot(slot).Worker;

    /// <summary>The workers draining on this host right now.</summary>
    public IReadOnlyList<IngestWorker> Running
    {
        get
        {
            lock (_lock)
            {
                return _slots.Values.Where(s => s.Running.CurrentCount == 0).Select(s => s.Worker).ToList();
            }
        }
    }

    /// <summary>Runs the slot's worker until the token is cancelled; false when the slot was already running here.</summary>
    public async Task<bool> RunAsync(int slot, CancellationToken cancellationToken)
    {
        var (worker, running) = Slot(slot);
        if (!await running.WaitAsync(TimeSpan.Zero, CancellationToken.None))
        {
            return false;
        }

        try
        {
            await worker.RunAsync(cancellationToken);
            return true;
        }
        finally
        {
            running.Release();
        }
    }

    private (IngestWorker Worker, SemaphoreSlim Running) Slot(int slot)
    {
        lock (_lock)
        {
            if (!_slots.TryGetValue(slot, out var entry))
            {
                entry = (ActivatorUtilities.CreateInstance<IngestWorker>(services), new SemaphoreSlim(1, 1));
                _slots[slot] = entry;
            }

            return entry;
        }
    }
}
