using Hangar.Core.Providers;
using Hangar.Providers.Docker;
using Hangar.Providers.External;
using Hangar.Providers.Process;

namespace Hangar.Configuration;

/// <summary>
/// <c>providers.NAME</c>: the options of the one provider type it declares (its <c>max_concurrency</c> is the
/// engine's, in <see cref="Engine.EngineOptions.ProviderConcurrency"/>). The controller id in those options is left
/// for the host to set.
/// </summary>
public sealed record ProviderConfig
{
    public const string DockerType = "docker";
    public const string ProcessType = "process";
    public const string ExternalType = "external";

    public DockerProviderOptions? Docker { get; init; }

    public ProcessProviderOptions? Process { get; init; }

    /// <summary>A GARM external provider run through its executable.</summary>
    public ExternalProviderOptions? External { get; init; }

    /// <summary><see cref="DockerType"/>, <see cref="ProcessType"/> or <see cref="ExternalType"/>: whichever options are set.</summary>
    public string Type => Docker is not null ? DockerType : Process is not null ? ProcessType : External is not null ? ExternalType : "none";

    public string Name => Docker?.Name ?? Process?.Name ?? External?.Name ?? "";

    /// <summary>The pool settings this provider's type honours; a pool setting any other is a configuration error.</summary>
    public PoolSettings HonouredPoolSettings =>
        Docker is not null ? DockerPoolSettings.Honoured
        : Process is not null ? ProcessPoolSettings.Honoured
        : External is not null ? ExternalPoolSettings.Honoured
        : PoolSettings.None;
}
