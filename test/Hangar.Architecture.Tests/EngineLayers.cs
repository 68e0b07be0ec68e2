namespace Hangar.Architecture.Tests;

/// <summary>
/// The engine's folders from the bottom up. A namespace may use the namespaces of lower layers only (a folder's own
/// sub-namespaces are part of it); namespaces side by side in one layer do not use each other.
/// </summary>
internal static class EngineLayers
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> BottomUp =
    [
        // Options, metrics, the converge signal, pool/forge/provider look-ups, stored lifecycle moves.
        ["Hangar.Engine"],

        // Who owns which once-only work among replicas (leases, fences); single-replica ownership.
        ["Hangar.Engine.Leases"],

        // The actuator changes the outside world; demand sources feed the sink (and own the intake/demand log).
        ["Hangar.Engine.Actuation", "Hangar.Engine.Demand"],

        // Intake stores job events and nudges; the passes and their loops observe, decide, and ask the actuator.
        ["Hangar.Engine.Intake", "Hangar.Engine.Reconcile"],
    ];

    /// <summary>Edges that go up or sideways, and namespaces no layer names.</summary>
    public static IEnumerable<string> Violations(NamespaceGraph graph, IReadOnlyList<IReadOnlyList<string>> bottomUp)
    {
        foreach (var node in graph.Nodes.Where(n => FolderOf(n, bottomUp) is null))
        {
            yield return $"{node} is in no layer: place it in {nameof(EngineLayers)}.{nameof(BottomUp)}";
        }

        foreach (var (from, to, example) in graph.Edges)
        {
            if (FolderOf(from, bottomUp) is not { } source || FolderOf(to, bottomUp) is not { } target || source.Folder == target.Folder)
            {
                continue;
            }

            if (target.Layer >= source.Layer)
            {
                yield return $"{from} -> {to} points {(target.Layer == source.Layer ? "sideways" : "up")} ({example})";
            }
        }
    }

    private static (string Folder, int Layer)? FolderOf(string ns, IReadOnlyList<IReadOnlyList<string>> bottomUp)
    {
        // A folder holds its sub-namespaces (Hangar.Engine.Reconcile.X is Reconcile's), except a folder that contains
        // other listed folders (the root): a new folder under it must be placed, not silently put at the bottom.
        var folders = bottomUp.SelectMany((names, layer) => names.Select(name => (Folder: name, Layer: layer))).ToList();
        foreach (var (folder, layer) in folders)
        {
            var isParent = folders.Any(f => f.Folder.StartsWith(folder + ".", StringComparison.Ordinal));
            if (ns == folder || (!isParent && ns.StartsWith(folder + ".", StringComparison.Ordinal)))
            {
                return (folder, layer);
            }
        }

        return null;
    }
}
