namespace Hangar.Core.Leases;

/// <summary>
/// Leases on work that must happen once among several replicas sharing one database (PostgreSQL). A lease is a row
/// <c>(name, holder, epoch, expires_at)</c>: taken when free or expired, renewed by its holder, and given a new epoch
/// every time it changes hands, so the epoch is a fencing token (<see cref="LeaseFence"/>). Times come from the caller's
/// clock, as for every store method: replicas' clocks must agree to well within a lease's duration (NTP).
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// For each name: renews it when <paramref name="holder"/> holds it and it has not expired, takes it (with the next
    /// epoch) when it is free or expired, and otherwise leaves it. All in one transaction.
    /// Returns every named lease as it stands afterwards (one per name that exists; held by anyone).
    /// </summary>
    Task<IReadOnlyList<Lease>> AcquireAsync(IReadOnlyCollection<string> names, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives up the named leases <paramref name="holder"/> holds (they expire at once, keeping their epoch), so
    /// another replica takes them on its next attempt rather than after they expire.</summary>
    Task ReleaseAsync(IReadOnlyCollection<string> names, string holder, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every lease row, by name.</summary>
    Task<IReadOnlyList<Lease>> ListLeasesAsync(CancellationToken cancellationToken = default);
}
