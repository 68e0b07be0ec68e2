namespace Hangar.Engine.Leases;

/// <summary>
/// Which work this replica owns. With several replicas on PostgreSQL each piece of once-only work has a lease
/// (<see cref="LeaseNames"/>); a single replica (SQLite) owns everything at once, never loses it, and writes unfenced.
/// <para>
/// A demand source that must run once in the cluster (a scale-set session, a Forgejo poller) runs like this:
/// <code>
/// while (!stoppingToken.IsCancellationRequested)
/// {
///     var work = await ownership.AcquireAsync(LeaseNames.Source(name), stoppingToken);
///     using var owned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, work.Lost);
///     using (work.Enter())
///     {
///         await RunSessionAsync(owned.Token);   // ends (cancelled) when the lease is lost
///     }
/// }
/// </code>
/// Sources run through <c>DemandSourceHost</c> get exactly this without writing it.
/// </para>
/// </summary>
public interface ILeaseOwnership
{
    /// <summary>This replica's holder name (the configured replica name and a per-process suffix).</summary>
    string Holder { get; }

    /// <summary>True for a single-replica installation: every lease is held from the start and never lost.</summary>
    bool IsSingleReplica { get; }

    /// <summary>The lease if this replica holds it now (not lost); otherwise null, and the lease is sought from now on.</summary>
    LeasedWork? TryGet(string lease);

    /// <summary>Seeks the lease and completes once this replica holds it (at once for a single replica).</summary>
    Task<LeasedWork> AcquireAsync(string lease, CancellationToken cancellationToken);

    /// <summary>Raised (on the lease loop) each time this replica takes a lease, before work under it is handed out
    /// by <see cref="TryGet"/>: take-over recovery hooks in here.</summary>
    event Func<LeasedWork, CancellationToken, Task>? Acquired;
}
