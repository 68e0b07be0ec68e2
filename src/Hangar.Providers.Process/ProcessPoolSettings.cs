using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>The pool settings a process provider honours; any other is a configuration error.</summary>
public static class ProcessPoolSettings
{
    /// <summary>A runner is a process on the host's own file system and network: no image, mounts, network mode,
    /// limits, disk, instance type or read-only root.</summary>
    public static PoolSettings Honoured { get; } =
        PoolSettings.Command | PoolSettings.Env | PoolSettings.User | PoolSettings.CredentialFile;
}
