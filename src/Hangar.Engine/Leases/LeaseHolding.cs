namespace Hangar.Engine.Leases;

/// <summary>A lease this replica took: the work handed out under it, and the timer that cancels it when the lease runs
/// out unrenewed. Handed out only once <see cref="Ready"/> (take-over work done).</summary>
internal sealed class LeaseHolding(LeasedWork work, CancellationTokenSource lost)
{
    public LeasedWork Work { get; } = work;

    public CancellationTokenSource LostSource { get; } = lost;

    private volatile bool _ready;

    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }
}
