using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Engine.Provisioning;

/// <summary>The destroy half of the provisioner: retire, deregister, delete, in an order a crash cannot break.</summary>
public sealed partial class Provisioner
{
    private async Task RunDestroyAsync(string name, DestroyReason reason)
    {
        var ct = _stopping.Token;
        try
        {
            var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
            if (instance is null || instance.State == InstanceState.Deleted)
            {
                return;
            }

            EngineLog.Destroying(logger, name, reason);
            metrics.DestroyStarted(reason);
            var pool = pools.Find(instance.Pool);
            var forge = pool is null ? null : forges.Get(pool.Forge);

            if (reason == DestroyReason.IdleSurplus)
            {
                if (instance.State != InstanceState.Idle || pool is null || forge is null)
                {
                    return;
                }

                // Ask the forge right before acting (the stored idle state may be a pass old), then deregister first
                // and only then destroy the machine: if the runner took a job in the meantime the forge refuses
                // (busy), and the runner is kept (actions-runner-controller#4000, garm#455).
                if (await IsBusyAtForgeAsync(forge, pool.Target, name, ct).ConfigureAwait(false)
                    || !await TryDeregisterAsync(forge, pool.Target, instance, keepIfBusy: true, ct).ConfigureAwait(false))
                {
                    EngineLog.RetireSkippedBusy(logger, name);
                    return;
                }
            }

            instance = await MoveToDeletingAsync(instance, reason, ct).ConfigureAwait(false);
            if (instance is null)
            {
                return;
            }

            await providers.WithSlotAsync(instance.Provider, async provider =>
            {
                await provider.DeleteAsync(name, ct).ConfigureAwait(false);
                return 0;
            }, ct).ConfigureAwait(false);

            if (pool is not null && forge is not null)
            {
                await TryDeregisterAsync(forge, pool.Target, instance, keepIfBusy: false, ct).ConfigureAwait(false);
            }

            await transitions.TryMoveAsync(name, InstanceState.Deleted, $"deleted ({reason})", cancellationToken: ct).ConfigureAwait(false);
            EngineLog.Deleted(logger, name);
            metrics.InstanceDeleted(instance.Pool);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Resumed from the stored state at the next start.
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            EngineLog.DestroyFailed(logger, name, error);
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

    private static async Task<bool> IsBusyAtForgeAsync(IForge forge, ForgeTarget target, string name, CancellationToken ct)
    {
        var runners = await forge.ListRunnersAsync(target, name, ct).ConfigureAwait(false);
        return runners.Any(r => r.Busy);
    }

    /// <summary>Removes the runner's forge registration. Returns false only when it is busy and <paramref name="keepIfBusy"/>.</summary>
    private async Task<bool> TryDeregisterAsync(IForge forge, ForgeTarget target, Instance instance, bool keepIfBusy, CancellationToken ct)
    {
        try
        {
            var ids = instance.ForgeRunnerId is { } id
                ? [id]
                : (await forge.ListRunnersAsync(target, instance.Name, ct).ConfigureAwait(false)).Select(r => r.Id).ToArray();
            foreach (var runnerId in ids)
            {
                await forge.RemoveRunnerAsync(target, runnerId, ct).ConfigureAwait(false);
            }

            return true;
        }
        catch (RunnerBusyException) when (keepIfBusy)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !keepIfBusy)
        {
            // The machine is gone; a registration left behind goes offline and is removed by the forge-orphan sweep
            // (GitHub also drops offline ephemeral runners after a day).
            EngineLog.DeregisterFailed(logger, instance.Name, Describe(ex));
            return true;
        }
    }
}
