using Hangar.Core.Leases;
using Hangar.Engine.Leases;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Api;

/// <summary>
/// Which replica owns each pool, as the API shows it: the holder of the pool's lease as stored (any replica answers the
/// same), none while the lease has run out and no replica took it yet. A single replica owns every pool itself.
/// </summary>
internal static class PoolOwners
{
    public static async Task<Func<string, string?>> ReadAsync(ILeaseOwnership ownership, IServiceProvider services, TimeProvider time, CancellationToken ct)
    {
        if (ownership.IsSingleReplica || services.GetService<ILeaseStore>() is not { } store)
        {
            return _ => ownership.Holder;
        }

        var now = time.GetUtcNow();
        var owners = (await store.ListLeasesAsync(ct).ConfigureAwait(false))
            .Where(l => l.ExpiresAt > now && LeaseNames.PoolOf(l.Name) is not null)
            .ToDictionary(l => LeaseNames.PoolOf(l.Name)!, l => l.Holder, StringComparer.Ordinal);
        return pool => owners.GetValueOrDefault(pool);
    }
}
