namespace Hangar.Core.Leases;

/// <summary>A write was refused because the lease it was fenced by changed hands (or epoch) since it was taken:
/// the writer no longer owns that work. Nothing of the write was committed.</summary>
public sealed class StaleLeaseException(LeaseFence fence)
    : Exception($"lease {fence.Lease} is no longer held by {fence.Holder} at epoch {fence.Epoch}; the write was refused")
{
    public LeaseFence Fence { get; } = fence;
}
