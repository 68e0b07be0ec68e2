namespace Hangar.Core.Leases;

/// <summary>
/// The fence of the work running in this async flow, which every store write checks (<see cref="LeaseFence"/>).
/// Ambient rather than a parameter on purpose: every acting write must carry it, and the background work the actuator
/// starts from a pass (a create that outlives the pass) inherits it with the execution context, so no write path can
/// forget it and no store method needs another argument. Writes outside any fence (intake, which every replica does,
/// and single-replica installations) are not checked.
/// </summary>
public static class StoreFence
{
    private static readonly AsyncLocal<LeaseFence?> CurrentFence = new();

    public static LeaseFence? Current => CurrentFence.Value;

    /// <summary>Makes <paramref name="fence"/> current until the returned scope is disposed (null: no fence).</summary>
    public static IDisposable Enter(LeaseFence? fence)
    {
        var previous = CurrentFence.Value;
        CurrentFence.Value = fence;
        return new Scope(previous);
    }

    private sealed class Scope(LeaseFence? previous) : IDisposable
    {
        public void Dispose() => CurrentFence.Value = previous;
    }
}
