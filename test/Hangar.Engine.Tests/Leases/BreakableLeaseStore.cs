using Hangar.Core.Leases;

namespace Hangar.Engine.Tests.Leases;

/// <summary>A replica's view of the real lease store, which a test can cut off (the database unreachable from it, or
/// the replica paused): every call then fails, as a lost connection does.</summary>
internal sealed class BreakableLeaseStore(ILeaseStore inner) : ILeaseStore
{
    public volatile bool Broken;

    public Task<IReadOnlyList<Lease>> AcquireAsync(IReadOnlyCollection<string> names, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Broken ? Task.FromException<IReadOnlyList<Lease>>(new IOException("database unreachable")) : inner.AcquireAsync(names, holder, duration, now, cancellationToken);

    public Task ReleaseAsync(IReadOnlyCollection<string> names, string holder, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Broken ? Task.FromException(new IOException("database unreachable")) : inner.ReleaseAsync(names, holder, now, cancellationToken);

    public Task<IReadOnlyList<Lease>> ListLeasesAsync(CancellationToken cancellationToken = default) => inner.ListLeasesAsync(cancellationToken);
}
