using Hangar.Core.Instances;

namespace Hangar.Store;

/// <summary>The argument rules of <see cref="Core.Storage.IStore"/> that hold before any store touches its database.</summary>
internal static class StoreArguments
{
    /// <exception cref="ArgumentException">The instance is not <see cref="InstanceState.Pending"/>.</exception>
    public static void EnsureNew(Instance instance)
    {
        if (instance.State != InstanceState.Pending)
        {
            throw new ArgumentException($"a new instance must be {InstanceState.Pending}, not {instance.State}", nameof(instance));
        }
    }

    /// <exception cref="ArgumentException">Both or neither of a pool and an unroutable reason are given.</exception>
    public static void EnsureOneRoute(string? pool, string? unroutableReason)
    {
        if ((pool is null) == (unroutableReason is null))
        {
            throw new ArgumentException("exactly one of pool and unroutableReason must be given", nameof(pool));
        }
    }

    /// <summary>Checks a whole plan before any of it is written (<see cref="Core.Storage.IStore.StorePlanAsync"/>).</summary>
    public static void EnsurePlan(IReadOnlyList<Core.Storage.JobRouteWrite> routes, IReadOnlyList<Instance> intents)
    {
        foreach (var route in routes)
        {
            EnsureOneRoute(route.Pool, route.UnroutableReason);
        }

        foreach (var intent in intents)
        {
            EnsureNew(intent);
        }
    }
}
