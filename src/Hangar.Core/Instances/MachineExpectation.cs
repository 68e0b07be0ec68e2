using Hangar.Core.Providers;

namespace Hangar.Core.Instances;

/// <summary>
/// What a live instance's machine may look like at its provider and still be its machine. Only an instance of the
/// stopped tier may have a machine made and never started, and only such a machine: a stopped instance whose machine
/// runs or ran was started behind the row's back (or by a start a crash cut short) and holds no credential the row knows.
/// </summary>
public static class MachineExpectation
{
    /// <summary>
    /// Whether a machine in <paramref name="status"/> fits an instance in <paramref name="state"/>. Unknown always fits:
    /// a provider that cannot tell has not said the machine is wrong.
    /// </summary>
    public static bool Fits(InstanceState state, ProviderInstanceStatus status) => state switch
    {
        InstanceState.Stopped => status is ProviderInstanceStatus.Created or ProviderInstanceStatus.Unknown,
        // A machine being created, or reported created by a provider whose machines boot slowly (a cloud's pending
        // instance), is still on its way up.
        InstanceState.Booting or InstanceState.Idle or InstanceState.Busy =>
            status is ProviderInstanceStatus.Running or ProviderInstanceStatus.Created or ProviderInstanceStatus.Unknown,
        _ => true,
    };
}
