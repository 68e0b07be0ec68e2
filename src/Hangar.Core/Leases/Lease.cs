namespace Hangar.Core.Leases;

/// <summary>One lease as stored: who holds it, until when, and its epoch (incremented each time it changes hands).
/// <see cref="Handoffs"/> counts the times it was taken by a holder other than the one before.</summary>
public sealed record Lease(string Name, string Holder, long Epoch, DateTimeOffset ExpiresAt, DateTimeOffset AcquiredAt, long Handoffs)
{
    public bool IsHeldBy(string holder, DateTimeOffset now) => string.Equals(Holder, holder, StringComparison.Ordinal) && ExpiresAt > now;
}
