using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// No destroy kills a running job, except at the hard cap. Whatever the reason (idle surplus, TTL, boot timeout, pool
/// removed), a runner that could hold a job is destroyed only after the forge, asked by name right before acting, says
/// it is not busy, and after its registration is removed first: a runner that took a job in between makes the forge
/// refuse (actions-runner-controller#4000, garm#455). A kept runner is marked busy, so it is drained after its job;
/// its hard cap (<see cref="Planner.HardCap"/>) still bounds how long that may take.
/// </summary>
internal sealed class RunnerRetirement(PoolCatalog pools, RunnerCredentials credentials, Transitions transitions, ILogger<RunnerRetirement> logger)
{
    /// <summary>
    /// True when <paramref name="instance"/> (as stored right now) may be destroyed for <paramref name="reason"/>; for a
    /// runner that could hold a job, its registration is gone when this returns true.
    /// </summary>
    public async Task<bool> MayDestroyAsync(Instance instance, PoolSpec? pool, DestroyReason reason, CancellationToken ct)
    {
        if (reason is DestroyReason.HardCap or DestroyReason.Drained or DestroyReason.Failed)
        {
            return true;
        }

        if (instance.State == InstanceState.Busy)
        {
            // The decision was made on an older read; the runner has taken a job since.
            ActuationLog.RetireSkippedBusy(logger, instance.Name, reason);
            return false;
        }

        if (reason == DestroyReason.IdleSurplus && (instance.State != InstanceState.Idle || pool is null))
        {
            return false;
        }

        // Draining, failed or deleting: no job to lose. A pending intent never started: nothing was minted for it.
        if (instance.State is not (InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting or InstanceState.Idle)
            || instance is { State: InstanceState.Pending, Attempts: 0 })
        {
            return true;
        }

        foreach (var (forge, target) in SitesOf(pool))
        {
            if (await credentials.TryRetireAsync(forge, target, instance.Name, ct).ConfigureAwait(false) is { } busyRunnerId)
            {
                ActuationLog.RetireSkippedBusy(logger, instance.Name, reason);
                await transitions.MoveThroughAsync(
                    instance,
                    InstanceState.Busy,
                    $"forge reports the runner busy: kept ({ReasonText.Of(reason)}), drained after its job",
                    new InstanceChanges { ForgeRunnerId = busyRunnerId },
                    ct).ConfigureAwait(false);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Where the runner may be registered: its pool's forge target, or, for a pool no longer configured, every target
    /// the configuration still names (a removed pool usually served one of them; a name is ours alone wherever it is).
    /// </summary>
    private IEnumerable<(string Forge, ForgeTarget Target)> SitesOf(PoolSpec? pool) =>
        pool is not null ? [(pool.Forge, pool.Target)] : pools.All.Select(p => (p.Forge, p.Target)).Distinct();
}
