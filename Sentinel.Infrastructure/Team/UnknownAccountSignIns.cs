namespace Sentinel.Infrastructure.Team;

/// <summary>
/// Bounds the audit rows of failed sign-ins for emails that have no account. Anyone can post the login form with
/// made-up emails, and lockout (per account) never stops them, so each such failure is not a row: the first from a
/// source address in a minute is, and the ones after it in that minute are counted into the next row from that
/// address. Per host at most one row per address per minute, and at most <see cref="MaxAddresses"/> addresses are
/// told apart per minute (the rest share one count), so a flood from many addresses stays bounded too.
/// Failures for existing accounts are audited one by one: lockout bounds them (5, then 15 minutes).
/// </summary>
public sealed class UnknownAccountSignIns(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const int MaxAddresses = 1000;

    /// <summary>The address bucket shared by every address past <see cref="MaxAddresses"/> in a window.</summary>
    public const string OtherAddresses = "other addresses";

    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Whether this failure gets its own audit row. When it does, <paramref name="foldedIn"/> is how many failures
    /// from the same bucket since its previous row were counted without one, and <paramref name="bucket"/> is the
    /// address (or <see cref="OtherAddresses"/>).
    /// </summary>
    public bool ShouldAudit(string address, out string bucket, out int foldedIn)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            bucket = address;
            if (!_sources.ContainsKey(address))
            {
                Prune(now);
                if (_sources.Count >= MaxAddresses)
                {
                    bucket = OtherAddresses;
                }
            }

            if (_sources.TryGetValue(bucket, out var source) && now - source.WindowStart < Window)
            {
                source.Suppressed++;
                foldedIn = 0;
                return false;
            }

            foldedIn = source?.Suppressed ?? 0;
            _sources[bucket] = new Source { WindowStart = now };
            return true;
        }
    }

    /// <summary>
    /// Forgets buckets whose window ended, once the table is full. A count still waiting for its address's next row
    /// is then lost from the audit log (the <c>sentinel.portal.sign_ins</c> metric has every failure).
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        if (_sources.Count < MaxAddresses)
        {
            return;
        }

        foreach (var (key, source) in _sources.ToList())
        {
            if (now - source.WindowStart >= Window)
            {
                _sources.Remove(key);
            }
        }
    }

    private sealed class Source
    {
        public DateTimeOffset WindowStart { get; init; }

        public int Suppressed { get; set; }
    }
}
