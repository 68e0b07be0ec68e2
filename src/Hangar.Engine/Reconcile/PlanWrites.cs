using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;

namespace Hangar.Engine.Reconcile;

/// <summary>How a converge pass stores its decisions (routes and the intents they call for) before the first create.</summary>
internal sealed class PlanWrites(IStore store, ILeaseOwnership ownership, TimeProvider time)
{
    /// <summary>
    /// One replica owns everything: routes and every intent are one transaction, one commit before the first create.
    /// Several replicas: a write carries one lease's fence, so the routes go under the routing lease and each pool's
    /// intents under that pool's.
    /// </summary>
    public async Task StoreAsync(
        LeasedWork? routing, List<JobRouteWrite> routes, List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)> creates, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (ownership.IsSingleReplica)
        {
            var intents = creates.SelectMany(c => c.Intents).ToList();
            if (routes.Count + intents.Count > 0)
            {
                await store.StorePlanAsync(routes, intents, InstanceIntents.Reason, now, ct).ConfigureAwait(false);
            }

            return;
        }

        if (routing is not null && routes.Count > 0)
        {
            using (routing.Enter())
            {
                await store.StorePlanAsync(routes, [], InstanceIntents.Reason, now, ct).ConfigureAwait(false);
            }
        }

        foreach (var (owner, intents) in creates)
        {
            using (owner.Enter())
            {
                await store.StorePlanAsync([], intents, InstanceIntents.Reason, now, ct).ConfigureAwait(false);
            }
        }
    }
}
