using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// Finds domains and says whose they are. Get reads a domain's metadata (the truth about its owner); list reads
/// every domain's title in one <c>virsh list</c> call and takes those titled with this controller id, so a pass over
/// hundreds of domains is one call, not hundreds.
/// </summary>
internal sealed class DomainCatalog(LibvirtProviderOptions options, Virsh virsh)
{
    /// <summary>A domain of some name, and whether it is this controller's.</summary>
    public sealed record Found(ProviderInstance Instance, bool Ours);

    public async Task<Found?> GetAnyAsync(string name, CancellationToken ct)
    {
        if (await virsh.StateAsync(name, ct).ConfigureAwait(false) is not { } state)
        {
            return null;
        }

        var owner = await virsh.OwnerAsync(name, ct).ConfigureAwait(false);
        var ours = owner?.Controller == options.ControllerId;
        return new Found(new ProviderInstance(name, name, owner?.Pool ?? "", Status(name, state)), ours);
    }

    public async Task<ProviderInstance?> GetAsync(string name, CancellationToken ct) =>
        await GetAnyAsync(name, ct).ConfigureAwait(false) is { Ours: true } found ? found.Instance : null;

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool, CancellationToken ct)
    {
        var prefix = DomainXml.Title(options.ControllerId, "");
        var instances = new List<ProviderInstance>();
        foreach (var (name, state, title) in await virsh.ListAsync(ct).ConfigureAwait(false))
        {
            if (title.StartsWith(prefix, StringComparison.Ordinal) && title[prefix.Length..] is { Length: > 0 } domainPool
                && (pool is null || domainPool == pool))
            {
                instances.Add(new ProviderInstance(name, name, domainPool, Status(name, state)));
            }
        }

        return instances;
    }

    /// <summary>A shut-off domain that was started has run and ended; one never started is only created (an
    /// interrupted create), which create starts.</summary>
    private ProviderInstanceStatus Status(string name, string state) => state switch
    {
        "running" or "idle" or "blocked" or "paused" or "in shutdown" or "pmsuspended" => ProviderInstanceStatus.Running,
        "shut off" or "crashed" or "dying" => DomainFiles.Of(options, name).WasStarted ? ProviderInstanceStatus.Exited : ProviderInstanceStatus.Created,
        _ => ProviderInstanceStatus.Unknown,
    };
}
