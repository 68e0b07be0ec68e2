using Hangar.Core.Instances;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>
/// The planner's stopped tier for one call: how many stopped machines each pool starts (demand its running supply
/// leaves uncovered), how many it prepares (refilling <c>min_stopped</c> in the room cold creates left, in a pass that
/// starts none) and which it
/// retires (beyond <c>min_stopped</c>). Which machines, it picks in one more look at the instances, and only when some
/// pool starts or retires one, so a pass without a stopped tier costs nothing here.
/// </summary>
internal sealed class StoppedTier
{
    private List<InstanceStart>? _starts;
    private List<PoolCreate>? _prepares;
    private Dictionary<int, (int Starts, int Surplus)>? _picks;

    public IReadOnlyList<InstanceStart> Starts => (IReadOnlyList<InstanceStart>?)_starts ?? [];

    public IReadOnlyList<PoolCreate> Prepares => (IReadOnlyList<PoolCreate>?)_prepares ?? [];

    /// <param name="position">The pool's index in the pool list.</param>
    /// <param name="starts">Stopped machines the pool starts for demand.</param>
    /// <param name="room">Slots under <c>max_runners</c> left after this plan's cold creates.</param>
    /// <param name="acting">The pool makes runners now (enabled, not pressure-only): otherwise it keeps no stopped tier.</param>
    public void Decide(int position, PoolSpec pool, PoolLoad load, int starts, int room, bool acting)
    {
        var keep = acting ? pool.MinStopped : 0;
        var left = load.Stopped - starts;
        // Not while the pool starts stopped machines: a refill's create would compete with those starts for the
        // provider (measured on Docker: the start then took longer than a cold create). The start nudges the next pass,
        // which refills.
        var prepare = starts > 0 ? 0 : Math.Min(Math.Max(0, keep - left - load.Preparing), Math.Max(0, room));
        if (prepare > 0)
        {
            (_prepares ??= []).Add(new PoolCreate(pool.Name, prepare));
        }

        // Machines still being made count toward the tier, but only ready ones are retired: they are what is known to work.
        var surplus = Math.Min(left, Math.Max(0, left + load.Preparing - keep));
        if (starts > 0 || surplus > 0)
        {
            (_picks ??= [])[position] = (starts, surplus);
        }
    }

    /// <summary>Oldest stopped machines first, to be started (they are nearest to their TTL) and then retired.</summary>
    public void PickInstances(PlannerInput input, PoolIndex index, List<InstanceDestroy> destroys)
    {
        if (_picks is null)
        {
            return;
        }

        var byPool = new Dictionary<int, List<Instance>>(_picks.Count);
        foreach (var instance in input.Instances)
        {
            if (instance.State != InstanceState.Stopped)
            {
                continue;
            }

            var position = index.Find(instance.Pool);
            if (position >= 0 && _picks.ContainsKey(position) && Planner.ExpiryReason(instance, input.Pools[position], input.Now) is null)
            {
                if (!byPool.TryGetValue(position, out var list))
                {
                    byPool[position] = list = [];
                }

                list.Add(instance);
            }
        }

        foreach (var (position, (starts, surplus)) in _picks)
        {
            if (!byPool.TryGetValue(position, out var list))
            {
                continue;
            }

            var pool = input.Pools[position].Name;
            var ordered = list.OrderBy(i => i.CreatedAt).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
            foreach (var instance in ordered.Take(starts))
            {
                (_starts ??= []).Add(new InstanceStart(instance.Name, pool));
            }

            foreach (var instance in ordered.Skip(starts).Take(surplus))
            {
                destroys.Add(new InstanceDestroy(instance.Name, pool, DestroyReason.StoppedSurplus));
            }
        }
    }
}
