using Hangar.Core.Forges;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Destroys instances past their boot deadline or TTL, and busy ones past their hard cap, on its own timer, so that a
/// stuck runner is reaped whatever the converge loop is doing. Which instances have expired is the planner's decision
/// alone (the expiry destroys of its plan); this pass only asks the actuator, which still keeps any runner the forge
/// reports busy unless the reason is the hard cap (<c>Actuation.RunnerRetirement</c>). With several replicas each reaps
/// the pools it owns.
/// </summary>
internal sealed class ReaperPass(
    IStore store,
    PoolCatalog pools,
    Actuator actuator,
    ILeaseOwnership ownership,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ReaperPass> logger) : IReconcilePass
{
    public string Name => LoopNames.Reaper;

    public TimeSpan Interval => options.Loops.ReaperInterval;

    /// <summary>Actuation: its forge calls (minting, removal) are provisioning.</summary>
    public ForgePriority ForgePriority => ForgePriority.Provision;

    public bool ActsPerPool => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        var plan = Planner.Plan(new PlannerInput(pools.All, [], instances, time.GetUtcNow()));
        var byName = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var destroy in plan.Destroys.Where(d => d.Reason is DestroyReason.BootTimeout or DestroyReason.Ttl or DestroyReason.HardCap))
        {
            var instance = byName[destroy.Instance];
            if (actuator.IsInFlight(instance.Name) || ownership.OwnerOfPool(pools, instance.Pool) is not { } owner)
            {
                continue;
            }

            using var fenced = owner.Enter();

            ReconcileLog.Reaped(logger, instance.Name, instance.State, destroy.Reason);
            metrics.LoopAction(Name, destroy.Reason switch
            {
                DestroyReason.Ttl => "ttl",
                DestroyReason.HardCap => "hard_cap",
                _ => "boot_timeout",
            });
            actuator.StartDestroy(instance, destroy.Reason);
        }
    }
}
