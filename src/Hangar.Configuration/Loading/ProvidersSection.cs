using Hangar.Providers.Docker;

namespace Hangar.Configuration.Loading;

internal static class ProvidersSection
{
    private static readonly string[] Keys = [.. new[] { "type", "endpoint", "max_concurrency", "work_dir", "inherit_env", "default_memory_mb", "pids_limit",
        "uri", "state_dir", "domain_type", "kernel", "initrd", "cmdline", "default_cpus", "executable", "max_running", "pull_timeout" }.Concat(ExternalProviderSection.Keys).Distinct()];

    /// <summary>Every declared provider by name (null when its type could not be read), and the
    /// <c>max_concurrency</c> of those that set one (the engine's limit on concurrent calls).</summary>
    /// <param name="storeFile">The SQLite database, when there is one: like the data directory, no runner may live
    /// next to it.</param>
    public static (Dictionary<string, ProviderConfig?> Providers, Dictionary<string, int> Concurrency) Read(MappingReader root, string dataDir, string? storeFile)
    {
        var providers = new Dictionary<string, ProviderConfig?>(StringComparer.Ordinal);
        var concurrency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, name, value) in root.NamedEntries("providers"))
        {
            var path = $"providers.{name}";
            YamlValues.Matching(root.Context, key, "providers", ConfigPatterns.ComponentName(), "a provider name is 1 to 40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
            if (name == Core.Pools.PoolSpec.NoProvider)
            {
                root.Context.Error(key.Start, $"providers.{name}: '{name}' is reserved (a pool with provider: none is pressure-only); choose another name");
            }

            providers[name] = null;
            if (SectionMapping.Open(root.Context, value, path, key.Start, Keys) is not { } provider)
            {
                continue;
            }

            var type = provider.OneOf("type", true, ProviderConfig.DockerType, ProviderConfig.ProcessType, ProviderConfig.ExternalType, ProviderConfig.LibvirtType, ProviderConfig.TartType);
            ProviderKeyOwners.Check(provider, type);
            if (provider.Integer("max_concurrency", min: 1, max: 256) is { } limit)
            {
                concurrency[name] = (int)limit;
            }

            if (type == ProviderConfig.DockerType)
            {
                provider.NotAllowed("work_dir", "only a process provider takes a work_dir");
                provider.NotAllowed("inherit_env", "only a process provider inherits Hangar's environment; give a container variables with the pool's env");
                var docker = new DockerProviderOptions { Name = name };
                providers[name] = new ProviderConfig
                {
                    Docker = docker with
                    {
                        Endpoint = provider.Url("endpoint", "unix", "tcp", "npipe", "http", "https") ?? docker.Endpoint,
                        DefaultMemoryMb = provider.Integer("default_memory_mb", min: 6) ?? docker.DefaultMemoryMb,
                        PidsLimit = provider.Integer("pids_limit", min: 16) ?? docker.PidsLimit,
                    },
                };
            }
            else if (type == ProviderConfig.ProcessType)
            {
                provider.NotAllowed("endpoint", "only a docker provider takes an endpoint");
                provider.NotAllowed("default_memory_mb", "only a docker provider limits memory");
                provider.NotAllowed("pids_limit", "only a docker provider limits processes");
                providers[name] = ProcessProviderSection.Read(provider, name, dataDir, storeFile);
            }
            else if (type == ProviderConfig.ExternalType)
            {
                foreach (var other in new[] { "endpoint", "work_dir", "inherit_env", "default_memory_mb", "pids_limit" })
                {
                    provider.NotAllowed(other, "an external provider takes executable, config_file, environment, interface_version, exec_timeout, callback_url, os_type, arch, flavor and extra_specs");
                }

                providers[name] = ExternalProviderSection.Read(provider, name);
            }
            else if (type == ProviderConfig.LibvirtType)
            {
                providers[name] = VmProviderSections.ReadLibvirt(provider, name);
            }
            else if (type == ProviderConfig.TartType)
            {
                providers[name] = VmProviderSections.ReadTart(provider, name);
            }
        }

        return (providers, concurrency);
    }
}
