using Hangar.Core.Providers;
using Hangar.Providers.Docker;
using Hangar.Providers.External;
using Hangar.Providers.Libvirt;
using Hangar.Providers.Process;
using Hangar.Providers.Tart;

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
    public const string LibvirtType = "libvirt";
    public const string TartType = "tart";

    public DockerProviderOptions? Docker { get; init; }

    public ProcessProviderOptions? Process { get; init; }

    /// <summary>A GARM external provider run through its executable.</summary>
    public ExternalProviderOptions? External { get; init; }

    public LibvirtProviderOptions? Libvirt { get; init; }

    public TartProviderOptions? Tart { get; init; }

    /// <summary>Whichever type's options are set: <see cref="DockerType"/>, <see cref="ProcessType"/>, <see cref="ExternalType"/>,
    /// <see cref="LibvirtType"/> or <see cref="TartType"/>.</summary>
    public string Type => Docker is not null ? DockerType : Process is not null ? ProcessType : External is not null ? ExternalType
        : Libvirt is not null ? LibvirtType : Tart is not null ? TartType : "none";

    public string Name => Docker?.Name ?? Process?.Name ?? External?.Name ?? Libvirt?.Name ?? Tart?.Name ?? "";

    /// <summary>The pool settings this provider's type honours; a pool setting any other is a configuration error.</summary>
    public PoolSettings HonouredPoolSettings =>
        Docker is not null ? DockerPoolSettings.Honoured
        : Process is not null ? ProcessPoolSettings.Honoured
        : External is not null ? ExternalPoolSettings.Honoured
        : Libvirt is not null ? LibvirtPoolSettings.Honoured
        : Tart is not null ? TartPoolSettings.Honoured
        : PoolSettings.None;
}
