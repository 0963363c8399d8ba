namespace Sentinel.Infrastructure.Team;

/// <summary>
/// Bounds the audit rows of sign-in failures that anyone can repeat without limit: failures for emails that have no
/// account (lockout is per account, so nothing stops made-up emails), and attempts on an account that is already
/// locked out (each answers "locked out" again). The first such failure from a source address in a minute is a row;
/// the ones after it in that minute are counted into the next row from that address. Per host at most one row per
/// address (and locked account) per minute, and at most <see cref="MaxAddresses"/> addresses are told apart per
/// minute (the rest share one count), so a flood from many addresses stays bounded too. Wrong passwords for an
/// existing, unlocked account are audited one by one: lockout bounds them (5, then 15 minutes).
/// </summary>
public sealed class RepeatedSignInFailures(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const int MaxAddresses = 1000;

    /// <summary>What the rows say instead of an address once <see cref="MaxAddresses"/> addresses are counted in a window.</summary>
    public const string OtherAddresses = "other addresses";

    private readonly Dictionary<(string Address, string? Account), Source> _sources = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Whether this failure (from <paramref name="address"/>; <paramref name="lockedAccount"/> the locked account's
    /// id, or null for an unknown email) gets its own audit row. When it does, <paramref name="from"/> is the address
    /// (or <see cref="OtherAddresses"/>) and <paramref name="foldedIn"/> how many failures of the same kind from there
    /// since the previous row were counted without one.
    /// </summary>
    public bool ShouldAudit(string address, string? lockedAccount, out string from, out int foldedIn)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var key = (address, lockedAccount);
            if (!_sources.ContainsKey(key))
            {
                Prune(now);
                if (_sources.Count >= MaxAddresses)
                {
                    key = (OtherAddresses, lockedAccount);
                }
            }

            from = key.Item1;
            if (_sources.TryGetValue(key, out var source) && now - source.WindowStart < Window)
            {
                source.Suppressed++;
                foldedIn = 0;
                return false;
            }

            foldedIn = source?.Suppressed ?? 0;
            _sources[key] = new Source { WindowStart = now };
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
