using Hangar.Core.Instances;

namespace Hangar.Core.Planning;

/// <summary>What an operator's removal request (<see cref="PlannerInput.Removals"/>) makes of an instance.</summary>
internal static class RemovalRule
{
    /// <summary>
    /// Forced, it is killed now, job and all, as the hard cap would; otherwise a runner holding no job goes now, and a busy
    /// one is left to finish (ephemeral, it takes no other job) and is then destroyed as drained. Null: nothing to do now.
    /// </summary>
    public static DestroyReason? Reason(Instance instance, IReadOnlyDictionary<string, bool> removals)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(removals);
        if (removals.Count == 0 || !removals.TryGetValue(instance.Name, out var force)
            || instance.State is InstanceState.Deleting or InstanceState.Deleted)
        {
            return null;
        }

        return force ? DestroyReason.HardCap : instance.State == InstanceState.Busy ? null : DestroyReason.Removed;
    }
}
