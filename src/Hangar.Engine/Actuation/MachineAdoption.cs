using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// What to do with a machine found under a name whose create did not finish normally. The name was stored before the
/// machine was made, so what the provider holds under it is ours: a running machine is adopted (it holds this name's
/// one-job credential and may already run a job), anything else is not a runner and is replaced.
/// </summary>
internal sealed class MachineAdoption(ProviderSlots slots, Transitions transitions, ConvergeSignal signal, ILogger<MachineAdoption> logger)
{
    /// <summary>
    /// A provider can report a failure after it made and started the machine (a timeout after the work was done).
    /// Deleting that machine would kill a job it may have taken, so a running one is adopted. True when adopted.
    /// </summary>
    public async Task<bool> TryAdoptAfterFailedCreateAsync(PoolSpec pool, string name, string error)
    {
        try
        {
            var existing = await slots.WithSlotAsync(pool.Provider, p => p.GetAsync(name, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            if (existing is not { Status: ProviderInstanceStatus.Running })
            {
                return false;
            }

            var adopted = await transitions.TryMoveAsync(
                name,
                InstanceState.Booting,
                "create reported a failure but the machine runs: adopted",
                new InstanceChanges { ProviderId = existing.ProviderId, LastError = error },
                CancellationToken.None).ConfigureAwait(false);
            if (adopted is null)
            {
                return false;
            }

            signal.Nudge();
            return true;
        }
        catch (Exception ex)
        {
            ActuationLog.DestroyFailed(logger, name, ErrorText.Describe(ex));
            return false;
        }
    }

    /// <summary>
    /// An instance a previous process left provisioning: looked up at its provider by name, adopted when found,
    /// failed otherwise (converge then removes whatever is left and makes a replacement). Returns what was done.
    /// </summary>
    public async Task<string> ResolveInterruptedCreateAsync(Instance instance, CancellationToken ct)
    {
        try
        {
            var found = await slots.WithSlotAsync(instance.Provider, p => p.GetAsync(instance.Name, ct), ct).ConfigureAwait(false);
            if (found is { Status: ProviderInstanceStatus.Created or ProviderInstanceStatus.Exited })
            {
                // Made but never started (killed between create and start), or already gone: nothing will ever
                // connect, so adopting it would leave a runner "booting" until the boot timeout.
                await transitions.TryMoveAsync(
                    instance.Name,
                    InstanceState.Failed,
                    $"recovered: found {found.Status.ToString().ToLowerInvariant()} at provider after restart",
                    new InstanceChanges { ProviderId = found.ProviderId, LastError = "create interrupted before the machine started" },
                    ct).ConfigureAwait(false);
                return "marked failed (not running)";
            }

            if (found is not null)
            {
                await transitions.TryMoveAsync(instance.Name, InstanceState.Booting, "recovered: found at provider after restart", new InstanceChanges { ProviderId = found.ProviderId }, ct).ConfigureAwait(false);
                return "adopted";
            }

            await transitions.TryMoveAsync(instance.Name, InstanceState.Failed, "recovered: create interrupted by restart", new InstanceChanges { LastError = "create interrupted" }, ct).ConfigureAwait(false);
            return "marked failed";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left in provisioning: the boot-timeout reaper cleans it up if the provider stays unreachable.
            return "provider unreachable: " + ErrorText.Describe(ex);
        }
    }
}
