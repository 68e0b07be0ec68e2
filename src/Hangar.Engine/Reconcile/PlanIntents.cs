using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// The new intents of a plan (cold creates and stopped-tier prepares), each paired with its pool's lease: only the pools
/// this replica owns get any, so two replicas never make intents for one pool.
/// </summary>
internal static class PlanIntents
{
    public static List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)> Make(
        Plan plan, PoolCatalog pools, ILeaseOwnership ownership, Actuator actuator, ILogger logger)
    {
        var creates = new List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)>();
        foreach (var create in plan.Creates)
        {
            if (pools.Find(create.Pool) is { } pool && ownership.TryGet(LeaseNames.Pool(pool.Name)) is { } owner)
            {
                ReconcileLog.PlanCreate(logger, pool.Name, create.Count);
                var warm = plan.WarmCreates.FirstOrDefault(w => string.Equals(w.Pool, pool.Name, StringComparison.Ordinal));
                creates.Add((owner, actuator.NewIntents(pool, create.Count, warm: warm?.Count ?? 0, warmReason: warm?.Reason)));
            }
        }

        foreach (var prepare in plan.Prepares)
        {
            if (pools.Find(prepare.Pool) is { } pool && ownership.TryGet(LeaseNames.Pool(pool.Name)) is { } owner)
            {
                ReconcileLog.PlanPrepare(logger, pool.Name, prepare.Count);
                creates.Add((owner, actuator.NewIntents(pool, prepare.Count, stoppedTier: true)));
            }
        }

        return creates;
    }
}
