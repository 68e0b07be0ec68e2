using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Store;

/// <summary>Collects the counts a store's grouped queries return into one <see cref="PoolTally"/> per pool asked for.</summary>
internal sealed class PoolTallyCounts(IReadOnlyCollection<string> pools)
{
    private readonly Dictionary<string, Dictionary<InstanceState, int>> _instances =
        pools.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => new Dictionary<InstanceState, int>(), StringComparer.Ordinal);

    private readonly Dictionary<string, int> _queued = pools.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => 0, StringComparer.Ordinal);

    public void AddInstances(string pool, string state, int count) => _instances[pool][Enum.Parse<InstanceState>(state)] = count;

    public void AddQueued(string pool, int count) => _queued[pool] = count;

    /// <summary>One tally per distinct pool, in the order asked.</summary>
    public IReadOnlyList<PoolTally> ToTallies() => [.. pools.Distinct(StringComparer.Ordinal).Select(p => new PoolTally(p, _queued[p], _instances[p]))];
}
