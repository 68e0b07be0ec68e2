namespace Hangar.Core.Providers;

/// <summary>The configuration key of each <see cref="PoolSettings"/> flag, for errors and documentation.</summary>
public static class PoolSettingKeys
{
    /// <summary>Every single setting with its key, in the order the documentation lists them.</summary>
    public static IReadOnlyList<(PoolSettings Setting, string Key)> All { get; } =
    [
        (PoolSettings.Image, "image"),
        (PoolSettings.Command, "command"),
        (PoolSettings.Env, "env"),
        (PoolSettings.Mounts, "mounts"),
        (PoolSettings.NetworkMode, "network_mode"),
        (PoolSettings.Cpus, "cpus"),
        (PoolSettings.MemoryMb, "memory_mb"),
        (PoolSettings.DiskGb, "disk_gb"),
        (PoolSettings.InstanceType, "instance_type"),
        (PoolSettings.User, "user"),
        (PoolSettings.ReadOnlyRoot, "read_only_root"),
        (PoolSettings.CredentialFile, "credential_delivery"),
        (PoolSettings.StoppedTier, "min_stopped"),
    ];

    /// <summary>The keys of <paramref name="settings"/>, comma-separated (<c>credential_delivery: file</c> spelt out).</summary>
    public static string Describe(PoolSettings settings)
    {
        var keys = All.Where(s => settings.HasFlag(s.Setting))
            .Select(s => s.Setting == PoolSettings.CredentialFile ? "credential_delivery: file" : s.Key)
            .ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }
}
