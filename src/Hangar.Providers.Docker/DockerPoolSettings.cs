using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>The pool settings a Docker provider turns into container settings; any other is a configuration error.</summary>
public static class DockerPoolSettings
{
    /// <summary>No disk size (the storage driver decides, and most cannot limit it) and no instance type.</summary>
    public static PoolSettings Honoured { get; } =
        PoolSettings.Image | PoolSettings.Command | PoolSettings.Env | PoolSettings.Mounts | PoolSettings.NetworkMode
        | PoolSettings.Cpus | PoolSettings.MemoryMb | PoolSettings.User | PoolSettings.ReadOnlyRoot | PoolSettings.CredentialFile
        | PoolSettings.StoppedTier;
}
