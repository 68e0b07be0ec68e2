using System.Collections.Frozen;

namespace Hangar.Engine.Reconcile;

/// <summary>The running loops by name (<see cref="LoopNames"/>), for health and tests.</summary>
public sealed class ReconcileLoops
{
    private readonly FrozenDictionary<string, ReconcileLoop> _loops;

    internal ReconcileLoops(IEnumerable<ReconcileLoop> loops)
    {
        All = [.. loops];
        _loops = All.ToFrozenDictionary(l => l.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => All.Select(l => l.Name);

    internal IReadOnlyList<ReconcileLoop> All { get; }

    internal ReconcileLoop this[string name] => _loops[name];

    /// <summary>Passes the named loop has completed since start.</summary>
    public long Passes(string name) => _loops[name].Passes;
}
