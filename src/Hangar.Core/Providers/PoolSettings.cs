namespace Hangar.Core.Providers;

/// <summary>
/// The pool settings that shape a runner's machine. Each provider type declares the ones it honours, so that a pool
/// asking a provider for something it would silently ignore (a disk size from Docker, a CPU limit from a process) is
/// refused as a configuration error instead. The configuration key of each is in <see cref="PoolSettingKeys"/>.
/// </summary>
[Flags]
public enum PoolSettings
{
    None = 0,

    /// <summary><c>image</c>: what the machine is made from (a container image, a base disk, a VM to clone).</summary>
    Image = 1 << 0,

    /// <summary><c>command</c>: what starts the runner inside the machine.</summary>
    Command = 1 << 1,

    /// <summary><c>env</c>: plain environment for the runner.</summary>
    Env = 1 << 2,

    /// <summary><c>mounts</c>: host directories shared with the machine.</summary>
    Mounts = 1 << 3,

    /// <summary><c>network_mode</c>.</summary>
    NetworkMode = 1 << 4,

    /// <summary><c>cpus</c>.</summary>
    Cpus = 1 << 5,

    /// <summary><c>memory_mb</c>.</summary>
    MemoryMb = 1 << 6,

    /// <summary><c>disk_gb</c>: the size of the machine's disk.</summary>
    DiskGb = 1 << 7,

    /// <summary><c>instance_type</c>: a cloud's machine type (a GARM provider's "flavor").</summary>
    InstanceType = 1 << 8,

    /// <summary><c>user</c>: who the runner runs as.</summary>
    User = 1 << 9,

    /// <summary><c>read_only_root</c>.</summary>
    ReadOnlyRoot = 1 << 10,

    /// <summary><c>credential_delivery: file</c> (<see cref="CredentialDelivery.File"/>).</summary>
    CredentialFile = 1 << 11,

    /// <summary><c>min_stopped</c>: machines prepared without running, started on demand
    /// (<see cref="ProviderCapabilities.Prepare"/>).</summary>
    StoppedTier = 1 << 12,
}
