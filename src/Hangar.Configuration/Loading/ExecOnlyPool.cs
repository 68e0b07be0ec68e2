using Hangar.Core.Pools;

namespace Hangar.Configuration.Loading;

/// <summary>The keys an exec-only pool (<c>exec_only: true</c>) refuses: it makes no runners, so it has no forge to
/// register them at, nor a target.</summary>
internal static class ExecOnlyPool
{
    private const string Why = "an exec-only pool makes no runners (hangar exec needs no forge)";

    /// <summary>Refuses <paramref name="key"/> when present; the empty name stands for "no forge".</summary>
    public static string HasNo(MappingReader pool, string key)
    {
        pool.NotAllowed(key, Why);
        return "";
    }

    public static ForgeTarget Target(MappingReader pool, IEnumerable<string> targetKeys)
    {
        foreach (var key in targetKeys)
        {
            pool.NotAllowed(key, Why);
        }

        return ForgeTarget.Repository("");
    }
}
