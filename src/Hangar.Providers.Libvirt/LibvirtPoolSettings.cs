using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>The pool settings a libvirt provider turns into a domain; any other is a configuration error.</summary>
public static class LibvirtPoolSettings
{
    /// <summary>No network mode (guests use QEMU's user-mode network), no user (the image decides who runs the
    /// runner), no read-only root and no instance type.</summary>
    public static PoolSettings Honoured { get; } =
        PoolSettings.Image | PoolSettings.Command | PoolSettings.Env | PoolSettings.Mounts | PoolSettings.Cpus
        | PoolSettings.MemoryMb | PoolSettings.DiskGb | PoolSettings.CredentialFile | PoolSettings.StoppedTier;
}
