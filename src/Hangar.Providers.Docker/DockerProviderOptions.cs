namespace Hangar.Providers.Docker;

public sealed record DockerProviderOptions
{
    /// <summary>The provider's configured name.</summary>
    public required string Name { get; init; }

    /// <summary>Stamped on every container as <c>dev.hangar.controller</c>; only containers carrying it are ever touched.
    /// The installation's id, set by the host (never by the provider's configuration); the provider refuses an empty one.</summary>
    public string ControllerId { get; init; } = "";

    public string Endpoint { get; init; } = "unix:///var/run/docker.sock";

    /// <summary>The memory limit of a container whose pool sets no <c>memory_mb</c>, in MiB: a runaway job must not
    /// take the host down with it.</summary>
    public long DefaultMemoryMb { get; init; } = 8192;

    /// <summary>The most processes a container may hold: bounds a fork bomb in a job without getting in the way of
    /// real builds.</summary>
    public long PidsLimit { get; init; } = 4096;

    /// <summary>How long a container has between SIGTERM and SIGKILL when it is stopped (not when it is deleted).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}
