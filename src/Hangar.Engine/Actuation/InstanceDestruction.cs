using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>Retire, delete, deregister, in an order a crash cannot break: the row says deleting before anything goes.</summary>
internal sealed class InstanceDestruction(
    IStore store,
    PoolCatalog pools,
    ProviderSlots slots,
    RunnerCredentials credentials,
    Transitions transitions,
    EngineMetrics metrics,
    ILogger<InstanceDestruction> logger)
{
    public async Task RunAsync(string name, DestroyReason reason, CancellationToken ct)
    {
        try
        {
            var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
            if (instance is null || instance.State == InstanceState.Deleted)
            {
                return;
            }

            ActuationLog.Destroying(logger, name, reason);
            metrics.DestroyStarted(reason);
            var pool = pools.Find(instance.Pool);

            if (reason == DestroyReason.IdleSurplus)
            {
                if (instance.State != InstanceState.Idle || pool is null)
                {
                    return;
                }

                // Ask the forge right before acting (the stored idle state may be a pass old), then deregister first
                // and only then destroy the machine: if the runner took a job in the meantime the forge refuses
                // (busy), and the runner is kept (actions-runner-controller#4000, garm#455).
                if (await credentials.IsBusyAsync(pool, instance, ct).ConfigureAwait(false)
                    || !await credentials.TryDeregisterAsync(pool, instance, keepIfBusy: true, ct).ConfigureAwait(false))
                {
                    ActuationLog.RetireSkippedBusy(logger, name);
                    return;
                }
            }

            instance = await MoveToDeletingAsync(instance, reason, ct).ConfigureAwait(false);
            if (instance is null)
            {
                return;
            }

            await slots.WithSlotAsync(instance.Provider, p => p.DeleteAsync(name, ct), ct).ConfigureAwait(false);

            // Where it was minted, also when its pool is gone.
            await credentials.TryDeregisterAsync(pool, instance, keepIfBusy: false, ct).ConfigureAwait(false);

            await transitions.TryMoveAsync(name, InstanceState.Deleted, $"deleted ({reason})", cancellationToken: ct).ConfigureAwait(false);
            ActuationLog.Deleted(logger, name);
            metrics.InstanceDeleted(instance.Pool);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Resumed from the stored state at the next start.
        }
        catch (Exception ex)
        {
            var error = ErrorText.Describe(ex);
            ActuationLog.DestroyFailed(logger, name, error);
            try
            {
                await store.UpdateInstanceAsync(name, new InstanceChanges { LastError = error }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The error is logged; the next converge pass retries the destroy.
            }
        }
    }

    private async Task<Instance?> MoveToDeletingAsync(Instance instance, DestroyReason reason, CancellationToken ct)
    {
        var why = reason switch
        {
            DestroyReason.BootTimeout => "boot timeout",
            DestroyReason.Ttl => "ttl expired",
            DestroyReason.IdleSurplus => "idle surplus retired",
            DestroyReason.Drained => "job done",
            DestroyReason.Failed => "failed",
            DestroyReason.PoolRemoved => "pool removed",
            _ => reason.ToString(),
        };

        var current = instance;
        if (current.State is InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting)
        {
            current = await transitions.TryMoveAsync(current.Name, InstanceState.Failed, why, cancellationToken: ct).ConfigureAwait(false);
        }
        else if (current.State is InstanceState.Idle or InstanceState.Busy)
        {
            current = await transitions.TryMoveAsync(current.Name, InstanceState.Draining, why, cancellationToken: ct).ConfigureAwait(false);
        }

        if (current is null)
        {
            return null;
        }

        return current.State == InstanceState.Deleting
            ? current
            : await transitions.TryMoveAsync(current.Name, InstanceState.Deleting, why, cancellationToken: ct).ConfigureAwait(false);
    }
}
