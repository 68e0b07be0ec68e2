namespace Hangar.Server.Dashboard;

/// <summary>
/// Conditions an operator must see at the top of the dashboard (a configuration file that failed to reload, no API
/// tokens configured...). Whoever detects one sets it under a key and clears it when it is over.
/// </summary>
internal sealed class DashboardWarnings
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, string> _warnings = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Current
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings.Values];
            }
        }
    }

    public void Set(string key, string message)
    {
        lock (_lock)
        {
            _warnings[key] = message;
        }
    }

    public void Clear(string key)
    {
        lock (_lock)
        {
            _warnings.Remove(key);
        }
    }
}
