using Hangar.Providers.Docker;
using Hangar.Providers.Process;

namespace Hangar.Configuration.Loading;

internal static class ProvidersSection
{
    private static readonly string[] Keys = ["type", "endpoint", "max_concurrency", "work_dir"];

    /// <summary>Every declared provider by name (null when its type could not be read), and the
    /// <c>max_concurrency</c> of those that set one (the engine's limit on concurrent calls).</summary>
    public static (Dictionary<string, ProviderConfig?> Providers, Dictionary<string, int> Concurrency) Read(MappingReader root, string dataDir)
    {
        var providers = new Dictionary<string, ProviderConfig?>(StringComparer.Ordinal);
        var concurrency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, name, value) in root.NamedEntries("providers"))
        {
            var path = $"providers.{name}";
            YamlValues.Matching(root.Context, key, "providers", ConfigPatterns.ComponentName(), "a provider name is 1 to 40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
            providers[name] = null;
            if (SectionMapping.Open(root.Context, value, path, key.Start, Keys) is not { } provider)
            {
                continue;
            }

            var type = provider.OneOf("type", true, ProviderConfig.DockerType, ProviderConfig.ProcessType);
            if (provider.Integer("max_concurrency", min: 1, max: 256) is { } limit)
            {
                concurrency[name] = (int)limit;
            }

            if (type == ProviderConfig.DockerType)
            {
                provider.NotAllowed("work_dir", "only a process provider takes a work_dir");
                var docker = new DockerProviderOptions { Name = name };
                var endpoint = provider.Url("endpoint", "unix", "tcp", "npipe", "http", "https");
                providers[name] = new ProviderConfig { Docker = docker with { Endpoint = endpoint ?? docker.Endpoint } };
            }
            else if (type == ProviderConfig.ProcessType)
            {
                provider.NotAllowed("endpoint", "only a docker provider takes an endpoint");
                var workDir = provider.FilePath("work_dir") ?? Path.Combine(dataDir, "process");
                providers[name] = new ProviderConfig { Process = new ProcessProviderOptions { Name = name, WorkDir = workDir } };
            }
        }

        return (providers, concurrency);
    }
}
