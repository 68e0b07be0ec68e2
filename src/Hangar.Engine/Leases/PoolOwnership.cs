namespace Hangar.Engine.Leases;

/// <summary>Who acts on a pool's instances: the pool's lease holder; for instances of a pool no longer configured
/// (whose lease nobody seeks), the routing lease's holder.</summary>
internal static class PoolOwnership
{
    public static LeasedWork? OwnerOfPool(this ILeaseOwnership ownership, PoolCatalog pools, string pool) =>
        ownership.TryGet(pools.Find(pool) is null ? LeaseNames.Routing : LeaseNames.Pool(pool));
}
