using Hangar.Core.Pools;

namespace Hangar.Providers.Tart;

/// <summary>Tart mounts every <c>--dir</c> share under <c>/Volumes/My Shared Files/NAME</c>; a pool mount's NAME is
/// the last part of its target (<c>/cache</c> → <c>cache</c>).</summary>
internal static class TartShares
{
    public static string NameOf(MountSpec mount) => Path.GetFileName(mount.Target.TrimEnd('/')) is { Length: > 0 } name ? name : "root";
}
