using Hangar.Core.Providers;
using Hangar.Providers.Docker;
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

    public DockerProviderOptions? Docker { get; init; }

    public ProcessProviderOptions? Process { get; init; }

    /// <summary><see cref="DockerType"/> or <see cref="ProcessType"/>: whichever options are set.</summary>
    public string Type => Docker is not null ? DockerType : Process is not null ? ProcessType : "none";

    public string Name => Docker?.Name ?? Process?.Name ?? "";

    /// <summary>The pool settings this provider's type honours; a pool setting any other is a configuration error.</summary>
    public PoolSettings HonouredPoolSettings =>
        Docker is not null ? DockerPoolSettings.Honoured
        : Process is not null ? ProcessPoolSettings.Honoured
        : PoolSettings.None;
}
