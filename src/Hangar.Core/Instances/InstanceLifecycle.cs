using System.Collections.Frozen;

namespace Hangar.Core.Instances;

/// <summary>The instance lifecycle as an explicit table. Anything not listed is illegal.</summary>
public static class InstanceLifecycle
{
    private static readonly FrozenDictionary<InstanceState, InstanceState[]> Allowed =
        new Dictionary<InstanceState, InstanceState[]>
        {
            [InstanceState.Pending] = [InstanceState.Provisioning, InstanceState.Failed],
            // Back to pending when a create failed and will be retried under the same name (the retry finds and
            // reuses whatever the failed attempt left at the forge and provider).
            // An intent of the stopped tier ends its create at stopped: made, not started, nothing minted.
            [InstanceState.Provisioning] = [InstanceState.Booting, InstanceState.Stopped, InstanceState.Pending, InstanceState.Failed],
            // Started for a job (booting), gone or running behind our back (failed), or no longer wanted (deleting:
            // it never had a registration, so there is nothing to drain).
            [InstanceState.Stopped] = [InstanceState.Booting, InstanceState.Failed, InstanceState.Deleting],
            // A job event may jump booting → busy: the forge's job event can race the runner's own report.
            [InstanceState.Booting] = [InstanceState.Idle, InstanceState.Busy, InstanceState.Failed],
            [InstanceState.Idle] = [InstanceState.Busy, InstanceState.Draining, InstanceState.Failed],
            [InstanceState.Busy] = [InstanceState.Draining],
            [InstanceState.Draining] = [InstanceState.Deleting],
            [InstanceState.Failed] = [InstanceState.Deleting],
            [InstanceState.Deleting] = [InstanceState.Deleted],
            [InstanceState.Deleted] = [],
        }.ToFrozenDictionary();

    public static bool CanMove(InstanceState from, InstanceState to) => Allowed[from].Contains(to);

    public static IReadOnlyList<InstanceState> NextStates(InstanceState from) => Allowed[from];

    /// <exception cref="IllegalTransitionException">The table does not allow the move.</exception>
    public static void EnsureCanMove(string instance, InstanceState from, InstanceState to)
    {
        if (!CanMove(from, to))
        {
            throw new IllegalTransitionException(instance, from, to);
        }
    }

    /// <summary>Counts toward a pool's supply: it exists or will, and has no job yet. For the running (hot) supply, leave
    /// out <see cref="IsStoppedSupply"/>.</summary>
    public static bool IsSupply(InstanceState state) =>
        state is InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting or InstanceState.Idle;

    /// <summary>Not yet deleted: Hangar still owes the world a cleanup for it.</summary>
    public static bool IsLive(InstanceState state) => state is not InstanceState.Deleted;

    /// <summary>Stopped-tier supply: an instance of the stopped tier that is, or is being made, stopped.</summary>
    public static bool IsStoppedSupply(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.State == InstanceState.Stopped
            || instance.StoppedTier && instance.State is InstanceState.Pending or InstanceState.Provisioning;
    }

    /// <summary>Takes one of the pool's <c>max_runners</c> slots.</summary>
    public static bool OccupiesSlot(InstanceState state) => state is not InstanceState.Deleted;
}
