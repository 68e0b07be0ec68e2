using Hangar.Core.Providers;

namespace Hangar.Providers.Tart;

/// <summary>The pool settings a Tart provider honours; any other is a configuration error.</summary>
public static class TartPoolSettings
{
    /// <summary>CPUs, memory and disk through <c>tart set</c>; mounts as <c>--dir</c> shares. No network mode (Tart's
    /// NAT), no user, no read-only root, no instance type.</summary>
    public static PoolSettings Honoured { get; } =
        PoolSettings.Image | PoolSettings.Command | PoolSettings.Env | PoolSettings.Mounts | PoolSettings.Cpus
        | PoolSettings.MemoryMb | PoolSettings.DiskGb | PoolSettings.CredentialFile;
}
