using Hangar.Core.Leases;

namespace Hangar.Engine.Leases;

/// <summary>
/// Work this replica owns through a lease, for as long as <see cref="Lost"/> is not cancelled. Run the work inside
/// <see cref="Enter"/> so every store write it makes (and every background create or destroy it starts) carries the
/// lease's epoch and is refused once another replica took the lease; link <see cref="Lost"/> into the work's token so it
/// stops at once when this replica learns the lease is gone.
/// </summary>
public sealed class LeasedWork
{
    internal LeasedWork(string lease, long epoch, LeaseFence? fence, CancellationToken lost)
    {
        Lease = lease;
        Epoch = epoch;
        Fence = fence;
        Lost = lost;
    }

    public string Lease { get; }

    /// <summary>The lease's epoch when taken (0 for a single replica, which holds no leases).</summary>
    public long Epoch { get; }

    /// <summary>What store writes are checked against; null for a single replica (nothing to fence against).</summary>
    public LeaseFence? Fence { get; }

    /// <summary>Cancelled when this replica no longer holds the lease (taken over, expired unrenewed, or shutdown).</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => Lost.IsCancellationRequested;

    /// <summary>Fences the store writes of this async flow (and of work it starts) until disposed.</summary>
    public IDisposable Enter() => StoreFence.Enter(Fence);
}
