namespace Hangar.Configuration.Loading;

/// <summary>
/// Which provider types take the keys the VM providers brought: a key set on a provider of another type is an error
/// at the key, naming the types that take it. (Docker's and process's own keys are checked in their branches.)
/// </summary>
internal static class ProviderKeyOwners
{
    private static readonly Dictionary<string, string[]> Owners = WithExternalKeys(new(StringComparer.Ordinal)
    {
        ["uri"] = [ProviderConfig.LibvirtType],
        ["domain_type"] = [ProviderConfig.LibvirtType],
        ["kernel"] = [ProviderConfig.LibvirtType],
        ["initrd"] = [ProviderConfig.LibvirtType],
        ["cmdline"] = [ProviderConfig.LibvirtType],
        ["default_cpus"] = [ProviderConfig.LibvirtType],
        ["state_dir"] = [ProviderConfig.LibvirtType, ProviderConfig.TartType],
        ["max_running"] = [ProviderConfig.TartType],
        ["pull_timeout"] = [ProviderConfig.TartType],
        ["executable"] = [ProviderConfig.TartType, ProviderConfig.ExternalType],
        ["endpoint"] = [ProviderConfig.DockerType],
        ["pids_limit"] = [ProviderConfig.DockerType],
        ["work_dir"] = [ProviderConfig.ProcessType],
        ["inherit_env"] = [ProviderConfig.ProcessType],
        ["default_memory_mb"] = [ProviderConfig.DockerType, ProviderConfig.LibvirtType],
    });

    /// <summary>Docker and process report their own keys already; for them only the VM keys are checked here.</summary>
    private static readonly HashSet<string> VmKeys =
    [
        "uri", "domain_type", "kernel", "initrd", "cmdline", "default_cpus", "state_dir", "max_running", "pull_timeout",
        .. ExternalProviderSection.Keys,
    ];

    public static void Check(MappingReader provider, string? type)
    {
        if (type is null)
        {
            return;
        }

        var vmType = type is ProviderConfig.LibvirtType or ProviderConfig.TartType;
        foreach (var (key, owners) in Owners)
        {
            if ((vmType || VmKeys.Contains(key)) && !owners.Contains(type))
            {
                provider.NotAllowed(key, $"a {type} provider does not take {key} (only {string.Join(" and ", owners)})");
            }
        }
    }

    /// <summary>The external provider's own keys (those no other type shares) belong to it alone.</summary>
    private static Dictionary<string, string[]> WithExternalKeys(Dictionary<string, string[]> owners)
    {
        foreach (var key in ExternalProviderSection.Keys)
        {
            owners.TryAdd(key, [ProviderConfig.ExternalType]);
        }

        return owners;
    }
}
