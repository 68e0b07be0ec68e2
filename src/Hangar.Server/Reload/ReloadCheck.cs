using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Pools;

namespace Hangar.Server.Reload;

/// <summary>
/// What a changed configuration file may change in a running server. Pools are applied live (added, changed, removed);
/// everything else (server, store, forges, providers, intake, telemetry, engine loops) is made once at start, so a change
/// there is reported as needing a restart and the running value is kept. A pool that needs something only a start makes
/// (a forge or provider not running, a scale-set listener, a lease on a shared store) refuses the whole file.
/// </summary>
internal static class ReloadCheck
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Why <paramref name="next"/> cannot be applied to a server running <paramref name="running"/> (empty: it can).</summary>
    public static IReadOnlyList<string> Refusals(HangarConfig running, HangarConfig next)
    {
        var refusals = new List<string>();
        foreach (var pool in next.Engine.Pools)
        {
            if (!running.Forges.ContainsKey(pool.Forge))
            {
                refusals.Add($"pools.{pool.Name}: forge '{pool.Forge}' is not running (a new forge needs a restart)");
            }

            if (!pool.IsPressureOnly && !running.Providers.ContainsKey(pool.Provider))
            {
                refusals.Add($"pools.{pool.Name}: provider '{pool.Provider}' is not running (a new provider needs a restart)");
            }
        }

        // A scale set has its listener from the start; PostgreSQL replicas take a lease per pool when they start.
        if (ScaleSets(running) != ScaleSets(next))
        {
            refusals.Add("scale-set pools were added, removed or renamed (their listeners start with the server: restart)");
        }

        if (running.Store.Type != StoreConfig.SqliteType && !PoolNames(running).SetEquals(PoolNames(next)))
        {
            refusals.Add("pools were added or removed with a shared (postgres) store: every replica takes its pools' leases at start (restart them)");
        }

        return refusals;
    }

    /// <summary>The sections other than pools that differ: kept as running until a restart.</summary>
    public static IReadOnlyList<string> NeedRestart(HangarConfig running, HangarConfig next)
    {
        var sections = new (string Name, object Running, object Next)[]
        {
            ("server", running.Server, next.Server),
            ("store", running.Store, next.Store),
            ("forges", running.Forges, next.Forges),
            ("providers", running.Providers, next.Providers),
            ("intake", running.Intake, next.Intake),
            ("telemetry", running.Telemetry, next.Telemetry),
            ("server.loops and engine settings", running.Engine with { Pools = [] }, next.Engine with { Pools = [] }),
        };
        return [.. sections.Where(s => !Same(s.Running, s.Next)).Select(s => s.Name)];
    }

    /// <summary>Pool names added, changed and removed, each in file order.</summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed) PoolChanges(
        IReadOnlyList<PoolSpec> running, IReadOnlyList<PoolSpec> next)
    {
        var before = running.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var after = next.ToDictionary(p => p.Name, StringComparer.Ordinal);
        return (
            [.. next.Where(p => !before.ContainsKey(p.Name)).Select(p => p.Name)],
            [.. next.Where(p => before.TryGetValue(p.Name, out var old) && !Same(old, p)).Select(p => p.Name)],
            [.. running.Where(p => !after.ContainsKey(p.Name)).Select(p => p.Name)]);
    }

    // Records compare collections by reference; their JSON compares what they hold. Secrets are references, not values.
    private static bool Same(object a, object b) =>
        string.Equals(JsonSerializer.Serialize(a, a.GetType(), Json), JsonSerializer.Serialize(b, b.GetType(), Json), StringComparison.Ordinal);

    private static string ScaleSets(HangarConfig config) =>
        string.Join(",", config.Engine.Pools.Where(p => p.ScaleSet is not null).Select(p => $"{p.Forge}/{p.Name}/{p.ScaleSet}").Order(StringComparer.Ordinal));

    private static HashSet<string> PoolNames(HangarConfig config) => [.. config.Engine.Pools.Select(p => p.Name)];
}
