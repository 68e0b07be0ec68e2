namespace Hangar.Configuration.Loading;

internal static class ProvidersSection
{
    public const string Docker = "docker";
    public const string Process = "process";

    private static readonly string[] Keys = ["type", "endpoint", "max_concurrency", "work_dir"];

    /// <summary>Every declared provider by name; the value is null when its type could not be read.</summary>
    public static Dictionary<string, ProviderConfig?> Read(MappingReader root, string dataDir)
    {
        var providers = new Dictionary<string, ProviderConfig?>(StringComparer.Ordinal);
        foreach (var (key, name, value) in root.NamedEntries("providers"))
        {
            var path = $"providers.{name}";
            YamlValues.Matching(root.Context, key, "providers", ConfigPatterns.ComponentName(), "a provider name is 1 to 40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
            providers[name] = null;
            if (SectionMapping.Open(root.Context, value, path, key.Start, Keys) is not { } provider)
            {
                continue;
            }

            var type = provider.OneOf("type", true, Docker, Process);
            var maxConcurrency = (int?)provider.Integer("max_concurrency", min: 1, max: 256);
            if (type is null)
            {
                continue;
            }

            var defaults = new ProviderConfig { Name = name, Type = type };
            string? endpoint = null;
            string? workDir = null;
            if (type == Docker)
            {
                provider.NotAllowed("work_dir", "only a process provider takes a work_dir");
                endpoint = provider.Url("endpoint", "unix", "tcp", "npipe", "http", "https");
            }
            else
            {
                provider.NotAllowed("endpoint", "only a docker provider takes an endpoint");
                workDir = provider.FilePath("work_dir") ?? Path.Combine(dataDir, "process");
            }

            providers[name] = defaults with
            {
                MaxConcurrency = maxConcurrency ?? defaults.MaxConcurrency,
                Endpoint = endpoint,
                WorkDir = workDir,
            };
        }

        return providers;
    }
}
