using System.Collections.Frozen;
using Hangar.Core.Operators;
using Hangar.Core.Pools;

namespace Hangar.Engine;

/// <summary>
/// The pools by name, as the engine acts on them: the configured pools (replaced whole when the file is reloaded) with
/// the operators' run-time overrides applied (<see cref="PoolOverride"/>: a set value wins over the file until it is
/// cleared). Readers get one consistent snapshot per call; <see cref="All"/> keeps its identity until something changes,
/// so per-list caches (the planner's pool index) survive passes that changed nothing.
/// </summary>
public sealed class PoolCatalog
{
    private readonly Lock _gate = new();
    private volatile Snapshot _current;

    public PoolCatalog(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = Snapshot.Of(options.Pools, FrozenDictionary<string, PoolOverride>.Empty, 0);
    }

    /// <summary>The effective pools, in configuration order.</summary>
    public IReadOnlyList<PoolSpec> All => _current.All;

    /// <summary>Goes up on every change of the configured pools or of the overrides.</summary>
    public long Version => _current.Version;

    public PoolSpec? Find(string name) => _current.ByName.GetValueOrDefault(name);

    /// <summary>The pool as the configuration file has it, without overrides.</summary>
    public PoolSpec? FindConfigured(string name) => _current.ConfiguredByName.GetValueOrDefault(name);

    /// <summary>The pool's run-time overrides, if any (also for a pool not configured now).</summary>
    public PoolOverride? FindOverride(string name) => _current.Overrides.GetValueOrDefault(name);

    /// <summary>A reloaded configuration's pools replace the configured ones; overrides still apply on top.</summary>
    public void ReplaceConfigured(IReadOnlyList<PoolSpec> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        lock (_gate)
        {
            var current = _current;
            _current = Snapshot.Of(pools, current.Overrides, current.Version + 1);
        }
    }

    /// <summary>Applies the overrides as stored now. Returns true when they differ from those applied before.</summary>
    public bool ApplyOverrides(IReadOnlyList<PoolOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        lock (_gate)
        {
            var current = _current;
            if (overrides.Count == current.Overrides.Count && overrides.All(o => current.Overrides.TryGetValue(o.Pool, out var had) && had == o))
            {
                return false;
            }

            _current = Snapshot.Of(current.Configured, overrides.ToFrozenDictionary(o => o.Pool, StringComparer.Ordinal), current.Version + 1);
            return true;
        }
    }

    /// <summary>The pool with its overrides applied.</summary>
    public static PoolSpec Apply(PoolSpec pool, PoolOverride? settings)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return settings is null ? pool : pool with
        {
            Enabled = settings.Enabled ?? pool.Enabled,
            MinIdle = settings.MinIdle ?? pool.MinIdle,
            MaxRunners = settings.MaxRunners ?? pool.MaxRunners,
        };
    }

    private sealed record Snapshot(
        IReadOnlyList<PoolSpec> Configured,
        FrozenDictionary<string, PoolSpec> ConfiguredByName,
        FrozenDictionary<string, PoolOverride> Overrides,
        IReadOnlyList<PoolSpec> All,
        FrozenDictionary<string, PoolSpec> ByName,
        long Version)
    {
        public static Snapshot Of(IReadOnlyList<PoolSpec> configured, IReadOnlyDictionary<string, PoolOverride> overrides, long version)
        {
            var frozen = overrides as FrozenDictionary<string, PoolOverride> ?? overrides.ToFrozenDictionary(StringComparer.Ordinal);
            IReadOnlyList<PoolSpec> all = frozen.Count == 0 ? configured : [.. configured.Select(p => Apply(p, frozen.GetValueOrDefault(p.Name)))];
            return new Snapshot(
                configured,
                configured.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal),
                frozen,
                all,
                all.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal),
                version);
        }
    }
}
