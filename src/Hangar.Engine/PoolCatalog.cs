using System.Collections.Frozen;
using Hangar.Core.Pools;

namespace Hangar.Engine;

/// <summary>The configured pools by name.</summary>
public sealed class PoolCatalog(EngineOptions options)
{
    private readonly FrozenDictionary<string, PoolSpec> _pools =
        options.Pools.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyList<PoolSpec> All { get; } = options.Pools;

    public PoolSpec? Find(string name) => _pools.GetValueOrDefault(name);
}
