using Hangar.Core.Pools;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary>What a pool may ask of its provider: a pressure-only pool nothing, a host-local provider a pinned replica
/// when replicas share the store, and each provider type only the settings it honours (<see cref="PoolSettingsCheck"/>).</summary>
internal static class PoolProviderChecks
{
    /// <summary>What shapes a runner Hangar makes: meaningless for a pressure-only pool, whose runners are made elsewhere.</summary>
    private static readonly string[] MachineKeys =
    [
        "image", "command", "env", "mounts", "network_mode", "cpus", "memory_mb", "min_idle", "credential_delivery", "user",
        "read_only_root", "boot_timeout", "ttl", "idle_grace", "max_job_duration", "disk_gb", "instance_type", "min_stopped",
        "policy",
    ];

    public static void Run(
        MappingReader pool, string? providerName, IReadOnlyDictionary<string, ProviderConfig?> providers, string? user, string? replica, bool sharedStore)
    {
        if (sharedStore && replica is null && providerName is not null && providers.TryGetValue(providerName, out var hostLocal) && hostLocal is { Type: ProviderConfig.ProcessType })
        {
            pool.Context.Error(
                pool.Node("provider")!.Start,
                $"{pool.At("provider")}: provider '{providerName}' is a process provider, whose runners live on the host that starts them; with a postgres store any replica may own the pool, so pin it to one: replica: NAME (that replica's server.replica)");
        }

        if (providerName == PoolSpec.NoProvider)
        {
            foreach (var key in MachineKeys)
            {
                pool.NotAllowed(key, "provider 'none' makes a pressure-only pool: Hangar makes no runners for it");
            }
        }
        else if (providerName is not null && providers[providerName] is { } provider)
        {
            if (provider.Type is ProviderConfig.DockerType or ProviderConfig.LibvirtType or ProviderConfig.TartType && pool.Node("image") is null)
            {
                pool.Missing("image", $"provider '{providerName}' is a {provider.Type} provider");
            }

            if (provider.Type == ProviderConfig.ProcessType && pool.Node("command") is null or YamlSequenceNode { Children.Count: 0 })
            {
                pool.Missing("command", $"provider '{providerName}' is a process provider");
            }

            PoolSettingsCheck.Run(pool, providerName, provider);
            if (provider.Type == ProviderConfig.ProcessType)
            {
                if (user is not null && user.Contains(':', StringComparison.Ordinal))
                {
                    pool.Context.Error(pool.Node("user")!.Start, $"{pool.At("user")}: a process provider runs a runner as a user name or uid with that user's own groups; no ':group'");
                }
            }
        }
    }
}
