using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>A runner's registration at its forge: minted before the machine exists, removed with it.</summary>
internal sealed class RunnerCredentials(ForgeSet forges, ILogger<RunnerCredentials> logger)
{
    /// <summary>Mints the one-job credential the machine registers with, under the instance's stored name.</summary>
    public async Task<RunnerCredential> MintAsync(PoolSpec pool, string name, CancellationToken ct)
    {
        var forge = forges.Get(pool.Forge);
        var request = new RunnerRequest(name, pool.Labels, pool.RunnerGroup) { ImplicitLabels = pool.ImplicitLabels, SharedRegistrationToken = pool.SharedRegistrationToken, ScaleSet = pool.ScaleSet };
        try
        {
            return await forge.CreateRunnerCredentialAsync(pool.Target, request, ct).ConfigureAwait(false);
        }
        catch (RunnerNameConflictException)
        {
            // A crashed attempt minted a credential for this very name. Its machine never started (or recovery would
            // have found it), so the registration is stale: remove it and mint again.
            ActuationLog.NameConflict(logger, name);
            foreach (var stale in await forge.ListRunnersAsync(pool.Target, name, ct).ConfigureAwait(false))
            {
                await forge.RemoveRunnerAsync(pool.Target, stale.Id, ct).ConfigureAwait(false);
            }

            return await forge.CreateRunnerCredentialAsync(pool.Target, request, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ask-the-forge-then-deregister-first step of every retirement: the runner is looked up by name right now (a
    /// look-up a request budget never holds back, whatever held back the last full list), and only when no registration
    /// of that name is busy are they removed, before anything else. A runner that takes a job in between makes the
    /// forge refuse the removal. Returns the busy runner's id when the forge says it holds a job; null once nothing of
    /// that name is registered at <paramref name="target"/>.
    /// </summary>
    public async Task<long?> TryRetireAsync(string forgeName, ForgeTarget target, string name, CancellationToken ct)
    {
        var forge = forges.Get(forgeName);
        var registered = await forge.ListRunnersAsync(target, name, ct).ConfigureAwait(false);
        if (registered.FirstOrDefault(r => r.Busy) is { } busy)
        {
            return busy.Id;
        }

        foreach (var runner in registered)
        {
            try
            {
                await forge.RemoveRunnerAsync(target, runner.Id, ct).ConfigureAwait(false);
            }
            catch (RunnerBusyException)
            {
                return runner.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// Removes the instance's registration where it was minted, even when its pool has since been removed. Returns
    /// false only when it is busy and <paramref name="keepIfBusy"/>.
    /// </summary>
    public async Task<bool> TryDeregisterAsync(PoolSpec? pool, Instance instance, bool keepIfBusy, CancellationToken ct)
    {
        if (RegistrationOf(pool, instance) is not { } registration)
        {
            // Neither the row nor a pool says where it is (a row from before forges were stored, whose pool is gone):
            // the registration goes offline with its machine and is dropped by the forge (GitHub: after a day).
            return true;
        }

        var (forge, target) = registration;
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
            ActuationLog.DeregisterFailed(logger, instance.Name, ErrorText.Describe(ex));
            return true;
        }
    }

    /// <summary>Removes a registration no instance owns. Returns false when the forge refuses because it is busy.</summary>
    public async Task<bool> TryRemoveOrphanAsync(string forge, ForgeTarget target, long runnerId, CancellationToken ct)
    {
        try
        {
            await forges.Get(forge).RemoveRunnerAsync(target, runnerId, ct).ConfigureAwait(false);
            return true;
        }
        catch (RunnerBusyException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where the registration is: where it was minted (stored with the intent), else, for rows from before that was
    /// stored, the pool's forge and target; null when neither is known or the forge is no longer configured.
    /// </summary>
    private (IForge Forge, ForgeTarget Target)? RegistrationOf(PoolSpec? pool, Instance instance)
    {
        var (name, target) = instance is { Forge: { } f, Target: { } t } ? (f, t) : (pool?.Forge, pool?.Target);
        return name is not null && target is not null && forges.Find(name) is { } forge ? (forge, target) : null;
    }
}
