using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Retire, delete, deregister, in an order a crash cannot break: the row says deleting before anything goes. A runner
/// that may hold a job is first cleared with the forge (<see cref="RunnerRetirement"/>); only the hard cap kills a busy
/// one, and says so (<see cref="HardCapKills"/>).
/// </summary>
internal sealed class InstanceDestruction(
    IStore store,
    PoolCatalog pools,
    ProviderSlots slots,
    RunnerCredentials credentials,
    RunnerRetirement retirement,
    HardCapKills kills,
    BootTimeoutNotes bootTimeouts,
    Transitions transitions,
    EngineMetrics metrics,
    OperatorRequests operators,
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

            var pool = pools.Find(instance.Pool);
            if (!await retirement.MayDestroyAsync(instance, pool, reason, ct).ConfigureAwait(false))
            {
                return;
            }

            ActuationLog.Destroying(logger, name, reason);
            metrics.DestroyStarted(reason);
            var why = await WhyAsync(instance, pool, reason, ct).ConfigureAwait(false);
            if (reason == DestroyReason.HardCap)
            {
                await kills.RecordAsync(instance, pool, ct, why).ConfigureAwait(false);
            }
            else if (reason == DestroyReason.BootTimeout)
            {
                await bootTimeouts.RecordAsync(instance, pool, ct).ConfigureAwait(false);
            }

            instance = await MoveToDeletingAsync(instance, why, ct).ConfigureAwait(false);
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

    /// <summary>The history's words: an operator's removal names the operator (a forced one is a kill like the hard cap).</summary>
    private async Task<string> WhyAsync(Instance instance, Core.Pools.PoolSpec? pool, DestroyReason reason, CancellationToken ct)
    {
        if (reason is not (DestroyReason.HardCap or DestroyReason.Removed))
        {
            return ReasonText.Of(reason);
        }

        var removal = await operators.RemovalOfAsync(instance.Name, ct).ConfigureAwait(false);
        return (reason, removal) switch
        {
            (DestroyReason.HardCap, { Force: true }) => HardCapKills.OperatorReason(removal.RequestedBy),
            (DestroyReason.HardCap, _) => HardCapKills.Reason(pool),
            (_, not null) => $"removed by operator {removal.RequestedBy}",
            _ => ReasonText.Of(reason),
        };
    }

    private async Task<Instance?> MoveToDeletingAsync(Instance instance, string why, CancellationToken ct)
    {
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
