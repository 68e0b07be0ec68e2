using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>
/// The configured pool list, indexed: name → position, and (forge, target) → the positions of the pools registered
/// there, so routing a job looks only at the pools of its repository, organization and enterprise instead of every
/// pool. The list is the same object from pass to pass (it changes only on a reload), so its index is built once and
/// kept beside it: the planner then allocates nothing proportional to the number of pools per call. A per-call
/// dictionary of 5,000 pools is 120 kB, which lands on the large-object heap, and every such allocation brings a full
/// collection closer — over a heap holding 50k instances that was the planner's super-linear term. Memoised by list
/// identity and checked against the list's current elements, so the planner stays a pure function of its input.
/// </summary>
internal sealed class PoolIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<PoolSpec>, PoolIndex> Cache = [];

    private readonly PoolSpec[] _pools;
    private readonly FrozenDictionary<string, int> _positions;
    private readonly FrozenDictionary<TargetKey, int[]> _byTarget;

    private PoolIndex(IReadOnlyList<PoolSpec> pools)
    {
        _pools = [.. pools];
        var positions = new Dictionary<string, int>(pools.Count, StringComparer.Ordinal);
        var byTarget = new Dictionary<TargetKey, List<int>>(TargetKey.Comparer);
        for (var i = 0; i < _pools.Length; i++)
        {
            // Configuration refuses two pools of one name; were there two, the last would win, as it always did.
            positions[_pools[i].Name] = i;
            var key = new TargetKey(_pools[i].Forge, _pools[i].Target.Scope, _pools[i].Target.Name);
            if (!byTarget.TryGetValue(key, out var list))
            {
                byTarget[key] = list = [];
            }

            list.Add(i);
        }

        _positions = positions.ToFrozenDictionary(StringComparer.Ordinal);
        _byTarget = byTarget.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), TargetKey.Comparer);
    }

    /// <summary>The index of <paramref name="pools"/>, built once per list (and again if its elements changed).</summary>
    public static PoolIndex For(IReadOnlyList<PoolSpec> pools)
    {
        if (Cache.TryGetValue(pools, out var cached) && cached.Matches(pools))
        {
            return cached;
        }

        var index = new PoolIndex(pools);
        Cache.AddOrUpdate(pools, index);
        return index;
    }

    /// <summary>The position of the pool named <paramref name="name"/>, or -1.</summary>
    public int Find(string name) => _positions.TryGetValue(name, out var position) ? position : -1;

    /// <summary>
    /// Positions of the pools whose forge and target can serve <paramref name="job"/> (labels and enablement not yet
    /// checked): those of its repository, its owner's organization and its enterprise.
    /// </summary>
    public IEnumerable<int> Candidates(Job job)
    {
        foreach (var position in At(new TargetKey(job.Forge, TargetScope.Repository, job.Repository)))
        {
            yield return position;
        }

        foreach (var position in At(new TargetKey(job.Forge, TargetScope.Organization, job.Owner ?? ForgeTarget.OwnerOf(job.Repository))))
        {
            yield return position;
        }

        if (job.Enterprise is { } enterprise)
        {
            foreach (var position in At(new TargetKey(job.Forge, TargetScope.Enterprise, enterprise)))
            {
                yield return position;
            }
        }
    }

    private int[] At(TargetKey key) => _byTarget.TryGetValue(key, out var positions) ? positions : [];

    private bool Matches(IReadOnlyList<PoolSpec> pools)
    {
        if (pools.Count != _pools.Length)
        {
            return false;
        }

        for (var i = 0; i < _pools.Length; i++)
        {
            if (!ReferenceEquals(pools[i], _pools[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Forge names compare exactly; target names without case, as <see cref="ForgeTarget.Serves"/> does.</summary>
    private readonly record struct TargetKey(string Forge, TargetScope Scope, string Name)
    {
        public static readonly IEqualityComparer<TargetKey> Comparer = new KeyComparer();

        private sealed class KeyComparer : IEqualityComparer<TargetKey>
        {
            public bool Equals(TargetKey x, TargetKey y) =>
                x.Scope == y.Scope
                && string.Equals(x.Forge, y.Forge, StringComparison.Ordinal)
                && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode(TargetKey key) =>
                HashCode.Combine(key.Scope, StringComparer.Ordinal.GetHashCode(key.Forge), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name));
        }
    }
}
