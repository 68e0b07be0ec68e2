using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// What to do with a machine found under a name whose create did not finish normally. The name was stored before the
/// machine was made, so what the provider holds under it is ours: a running machine is adopted (it holds this name's
/// one-job credential and may already run a job), anything else is not a runner and is replaced.
/// </summary>
internal sealed class MachineAdoption(IStore store, ProviderSlots slots, Transitions transitions, ConvergeSignal signal, ILogger<MachineAdoption> logger)
{
    /// <summary>
    /// A provider can report a failure after it made and started the machine (a timeout after the work was done).
    /// Deleting that machine would kill a job it may have taken, so a running one is adopted. When the provider or the
    /// store cannot answer, the machine's state is unknown and nothing may delete it: the next attempt looks again
    /// (<see cref="TryResolveLeftoverAsync"/>).
    /// </summary>
    /// <param name="stoppedTier">A stopped-tier create: nothing was minted, so no machine it left can hold a job and
    /// none is adopted.</param>
    public async Task<AdoptionCheck> CheckAfterFailedCreateAsync(PoolSpec pool, string name, string error, bool stoppedTier = false)
    {
        try
        {
            var existing = await slots.WithSlotAsync(pool.Provider, p => p.GetAsync(name, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            if (existing is null or { Status: ProviderInstanceStatus.Created or ProviderInstanceStatus.Exited }
                || (stoppedTier && existing.Status != ProviderInstanceStatus.Unknown))
            {
                return !stoppedTier && await AdoptIfItRanAJobAsync(name, existing, error, CancellationToken.None).ConfigureAwait(false) is { } ran
                    ? ran : AdoptionCheck.NotRunning;
            }

            var adopted = await transitions.TryMoveAsync(
                name,
                InstanceState.Booting,
                "create reported a failure but the machine runs: adopted",
                new InstanceChanges { ProviderId = existing.ProviderId, LastError = error },
                CancellationToken.None).ConfigureAwait(false);
            if (adopted is null)
            {
                // Another actor moved the row: whatever it decided stands, and this machine is not ours to delete.
                return AdoptionCheck.Unknown;
            }

            signal.Nudge();
            return AdoptionCheck.Adopted;
        }
        catch (Exception ex)
        {
            ActuationLog.AdoptionCheckFailed(logger, name, ErrorText.Describe(ex));
            return AdoptionCheck.Unknown;
        }
    }

    /// <summary>
    /// Before a retry mints again (which would replace the registration a running machine holds): what an earlier
    /// attempt left under the name. A running machine is adopted; one made but never started is removed, since a create
    /// by name would otherwise return it as it is. True when the attempt is over (adopted, or the row moved on).
    /// </summary>
    public async Task<bool> TryResolveLeftoverAsync(IProvider provider, string name, CancellationToken ct)
    {
        var existing = await provider.GetAsync(name, ct).ConfigureAwait(false);
        if (existing is null or { Status: ProviderInstanceStatus.Created or ProviderInstanceStatus.Exited }
            && await AdoptIfItRanAJobAsync(name, existing, error: null, ct).ConfigureAwait(false) is not null)
        {
            return true;
        }

        if (existing is null)
        {
            return false;
        }

        if (existing.Status is ProviderInstanceStatus.Created or ProviderInstanceStatus.Exited)
        {
            await provider.DeleteAsync(name, ct).ConfigureAwait(false);
            return false;
        }

        await transitions.TryMoveAsync(
            name,
            InstanceState.Booting,
            "retry found the earlier attempt's machine running: adopted",
            new InstanceChanges { ProviderId = existing.ProviderId },
            ct).ConfigureAwait(false);
        ActuationLog.LeftoverAdopted(logger, name, existing.ProviderId);
        signal.Nudge();
        return true;
    }

    /// <summary>
    /// A machine that is not running may still have done its work: its runner took a job (and may have finished it)
    /// before the create reported a failure. Making it again under the same name would mint a second registration of
    /// that name, whose runner could take another job while the engine, which matches jobs to runners by name, retires
    /// the instance for the first job. Such an attempt is over: the instance is adopted as booting, and the converge pass
    /// moves it on with its job. Null when no job names this runner.
    /// </summary>
    private async Task<AdoptionCheck?> AdoptIfItRanAJobAsync(string name, ProviderInstance? existing, string? error, CancellationToken ct)
    {
        var jobs = await store.ListJobsAsync(new JobQuery { RunnerNames = [name], Statuses = [JobStatus.InProgress, JobStatus.Completed] }, ct)
            .ConfigureAwait(false);
        if (jobs.FirstOrDefault(j => j.CloseReason is null) is not { } job)
        {
            return null;
        }

        var adopted = await transitions.TryMoveAsync(
            name,
            InstanceState.Booting,
            $"create reported a failure after its runner took job {job.Id}: adopted, not made again",
            new InstanceChanges { ProviderId = existing?.ProviderId, LastError = error },
            ct).ConfigureAwait(false);
        if (adopted is null)
        {
            return AdoptionCheck.Unknown;
        }

        ActuationLog.LeftoverAdopted(logger, name, existing?.ProviderId ?? "(gone)");
        signal.Nudge();
        return AdoptionCheck.Adopted;
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
            if (instance.StoppedTier)
            {
                return await ResolveInterruptedPrepareAsync(instance, found, ct).ConfigureAwait(false);
            }

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

    /// <summary>
    /// A stopped-tier create a restart interrupted: a machine made and never started is exactly what it was making, and
    /// is kept stopped. Anything else (running without a credential, exited, gone) is failed and replaced, as for any
    /// other interrupted create.
    /// </summary>
    private async Task<string> ResolveInterruptedPrepareAsync(Instance instance, ProviderInstance? found, CancellationToken ct)
    {
        if (found is { Status: ProviderInstanceStatus.Created })
        {
            await transitions.TryMoveAsync(
                instance.Name, InstanceState.Stopped, "recovered: found prepared at provider after restart, kept stopped",
                new InstanceChanges { ProviderId = found.ProviderId }, ct).ConfigureAwait(false);
            return "kept stopped";
        }

        var seen = found is null ? "nothing" : found.Status.ToString().ToLowerInvariant();
        await transitions.TryMoveAsync(
            instance.Name, InstanceState.Failed, $"recovered: stopped-tier create interrupted by restart, found {seen} at provider",
            new InstanceChanges { ProviderId = found?.ProviderId, LastError = "stopped-tier create interrupted" }, ct).ConfigureAwait(false);
        return "marked failed";
    }
}
