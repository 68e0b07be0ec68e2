namespace Hangar.Core.Leases;

/// <summary>
/// The fencing token a write carries: the store commits the write only while lease <see cref="Lease"/> still has this
/// <see cref="Holder"/> and <see cref="Epoch"/>, checked inside the write's own transaction with the lease row locked
/// against a take-over, and throws <see cref="StaleLeaseException"/> otherwise. A replica that slept past its lease
/// (a GC pause, SIGSTOP) therefore cannot change anything once another replica took the lease, whatever it was doing.
/// <see cref="Lost"/> is cancelled when the holder itself learns it no longer holds the lease.
/// </summary>
public sealed record LeaseFence(string Lease, string Holder, long Epoch)
{
    public CancellationToken Lost { get; init; }
}
