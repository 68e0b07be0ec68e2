namespace Hangar.Providers.Process;

/// <summary>
/// One async lock per runner directory, shared by every provider instance in the process (a re-created provider
/// included), and dropped when nobody holds or awaits it so that a long-lived Hangar does not keep one per runner
/// it ever made.
/// </summary>
internal static class NameLocks
{
    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>True while someone holds or awaits <paramref name="key"/>.</summary>
    internal static bool IsTracked(string key)
    {
        lock (Entries)
        {
            return Entries.ContainsKey(key);
        }
    }

    public static async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (Entries)
        {
            if (!Entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                Entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Holder(key, entry);
    }

    private static void Leave(string key, Entry entry)
    {
        lock (Entries)
        {
            if (--entry.Users == 0)
            {
                Entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(string key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                Leave(key, entry);
            }
        }
    }
}
