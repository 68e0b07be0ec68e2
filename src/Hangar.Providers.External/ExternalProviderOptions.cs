namespace Hangar.Providers.External;

/// <summary>
/// <c>type: external</c>: a GARM external provider executable, run unmodified under GARM's exec contract
/// (cloudbase/garm-provider-common). Keys mirror GARM's <c>[provider.external]</c> section.
/// </summary>
public sealed record ExternalProviderOptions
{
    public const string V010 = "v0.1.0";
    public const string V011 = "v0.1.1";

    public required string Name { get; init; }

    /// <summary>Stamped on every call as <c>GARM_CONTROLLER_ID</c>; the provider tags its instances with it.</summary>
    public string ControllerId { get; init; } = "";

    /// <summary>Absolute path of the provider executable (GARM's <c>provider_executable</c>).</summary>
    public required string Executable { get; init; }

    /// <summary>The provider's own configuration file, passed as <c>GARM_PROVIDER_CONFIG_FILE</c>; must exist (the
    /// provider library refuses to run without one).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Name prefixes of Hangar's environment variables passed to the provider (GARM's
    /// <c>environment_variables</c>: prefixes, not names). The proxy variables are always looked up the same way;
    /// names starting with <c>GARM</c> never pass.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary><see cref="V010"/> (GARM's default) or <see cref="V011"/>.</summary>
    public string InterfaceVersion { get; init; } = V010;

    /// <summary>Longest a command may run before it is killed (and counts as failed); <see cref="TimeSpan.Zero"/> for no limit.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where instances reach Hangar (its public base URL): the metadata and callback URLs are built on it. Null:
    /// the address Hangar listens on (only right when the machines share its network, as in tests and demos).</summary>
    public Uri? CallbackBaseUrl { get; init; }

    /// <summary>The pool's OS as GARM names it (<c>linux</c>, <c>windows</c>).</summary>
    public string OsType { get; init; } = "linux";

    /// <summary>The architecture as GARM names it (<c>amd64</c>, <c>arm64</c>).</summary>
    public string Arch { get; init; } = "amd64";

    /// <summary>The provider's size for its machines (GARM's <c>flavor</c>: an instance type, an OpenStack flavor, a
    /// Kubernetes resource class, ...), sent on every create; empty when the provider needs none.</summary>
    public string Flavor { get; init; } = "";

    /// <summary>Opaque JSON object merged into every instance's <c>extra_specs</c> (provider-specific settings).</summary>
    public string? ExtraSpecsJson { get; init; }
}
