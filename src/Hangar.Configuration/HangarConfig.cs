using Hangar.Core.Pools;

namespace Hangar.Configuration;

/// <summary>The whole configuration file, validated. Produced only by <see cref="ConfigLoader"/>.</summary>
public sealed record HangarConfig
{
    public ServerConfig Server { get; init; } = new();

    public StoreConfig Store { get; init; } = new();

    public IReadOnlyDictionary<string, ForgeConfig> Forges { get; init; } = new Dictionary<string, ForgeConfig>();

    public IReadOnlyDictionary<string, ProviderConfig> Providers { get; init; } = new Dictionary<string, ProviderConfig>();

    public IReadOnlyList<PoolSpec> Pools { get; init; } = [];

    /// <summary>The file it was read from, for messages; null when built in code.</summary>
    public string? SourcePath { get; init; }
}
