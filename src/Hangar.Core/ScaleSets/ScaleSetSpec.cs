using Hangar.Core.Pools;

namespace Hangar.Core.ScaleSets;

/// <summary>The scale set a pool of a scale-set forge stands for: its name (the pool's), where it lives, its labels.</summary>
public sealed record ScaleSetSpec(string Name, ForgeTarget Target, string? RunnerGroup, IReadOnlyList<string> Labels, bool DisableUpdate = true)
{
    public static ScaleSetSpec For(PoolSpec pool) => new(pool.ScaleSet ?? pool.Name, pool.Target, pool.RunnerGroup, pool.Labels);
}
