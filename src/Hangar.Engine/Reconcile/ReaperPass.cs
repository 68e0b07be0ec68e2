using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Destroys instances past their boot deadline or TTL (the same rule the planner applies, <see cref="Planner.ExpiryReason"/>),
/// on its own timer so that a stuck runner is reaped even when nothing else wakes the engine. Also forgets webhook
/// delivery ids older than the retention.
/// </summary>
public sealed class ReaperPass(
    IStore store,
    PoolCatalog pools,
    Provisioner provisioner,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ReaperPass> logger)
{
    public const string LoopName = "reaper";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        foreach (var instance in instances)
        {
            if (pools.Find(instance.Pool) is not { } pool || provisioner.IsInFlight(instance.Name))
            {
                continue;
            }

            if (Planner.ExpiryReason(instance, pool, now) is { } reason)
            {
                EngineLog.Reaped(logger, instance.Name, instance.State, reason);
                metrics.LoopAction(LoopName, reason == DestroyReason.Ttl ? "ttl" : "boot_timeout");
                provisioner.StartDestroy(instance, reason);
            }
        }

        var pruned = await store.PruneDeliveriesAsync(now - options.DeliveryRetention, cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            metrics.LoopAction(LoopName, "deliveries_pruned", pruned);
        }
    }
}
