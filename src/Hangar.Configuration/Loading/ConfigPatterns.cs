using System.Text.RegularExpressions;

namespace Hangar.Configuration.Loading;

internal static partial class ConfigPatterns
{
    /// <summary>Pool names and the controller id end up in runner and container names, which allow little.</summary>
    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    public static partial Regex RunnerNamePart();

    /// <summary>Forge and provider names are stored with every job and instance.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    public static partial Regex ComponentName();

    /// <summary>A secret's name is a file name under <c>$CREDENTIALS_DIRECTORY</c>: no separators, no dot-files.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    public static partial Regex SecretName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex EnvironmentVariable();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    public static partial Regex Repository();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    public static partial Regex AccountName();

    /// <summary>A user (name or uid), optionally with a group (name or gid), as Docker takes it.</summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$")]
    public static partial Regex RunnerUser();

    /// <summary>A forge's web host, optionally with a port (GHES on a non-standard port).</summary>
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$")]
    public static partial Regex HostName();

    /// <summary>A cloud's machine type (<c>t3.large</c>, <c>e2-standard-4</c>, <c>Standard_D2s_v5</c>, an OpenStack
    /// flavor name); passed to the provider as it is.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}$")]
    public static partial Regex InstanceType();

    /// <summary>A flavor's platform, e.g. <c>linux-x64</c> or <c>darwin-arm64</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public static partial Regex Platform();
}
