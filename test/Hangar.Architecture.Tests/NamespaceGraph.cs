namespace Hangar.Architecture.Tests;

/// <summary>Which namespace uses which, each edge with one example ("A uses B") for the failure message.</summary>
internal sealed class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>The namespaces of <paramref name="types"/> that <paramref name="include"/> accepts, and their uses of each other.</summary>
    public static NamespaceGraph Of(IReadOnlyList<TypeFacts> types, Func<string, bool> include)
    {
        var namespaceOf = types.ToDictionary(t => t.FullName, t => t.Namespace, StringComparer.Ordinal);
        var graph = new NamespaceGraph();
        foreach (var type in types.Where(t => include(t.Namespace)))
        {
            graph.AddNode(type.Namespace);
            foreach (var used in type.Uses.Order(StringComparer.Ordinal))
            {
                if (namespaceOf.TryGetValue(used, out var to) && include(to) && to != type.Namespace)
                {
                    graph.AddEdge(type.Namespace, to, $"{type.FullName} uses {used}");
                }
            }
        }

        return graph;
    }

    public IEnumerable<string> Nodes => _edges.Keys;

    public IEnumerable<(string From, string To, string Example)> Edges =>
        _edges.SelectMany(e => e.Value.Select(t => (e.Key, t.Key, t.Value)));

    public void AddNode(string node) => _edges.TryAdd(node, new SortedDictionary<string, string>(StringComparer.Ordinal));

    public void AddEdge(string from, string to, string example)
    {
        AddNode(from);
        AddNode(to);
        _edges[from].TryAdd(to, example);
    }

    public bool HasEdge(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>The strongly connected components with more than one namespace (Tarjan), each a cycle or several.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges[node].Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    found.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in _edges.Keys.Where(n => !index.ContainsKey(n)).ToList())
        {
            Visit(node);
        }

        return found;
    }

    /// <summary>The edges inside <paramref name="component"/>, with their examples.</summary>
    public IEnumerable<string> Explain(IReadOnlyList<string> component) =>
        Edges.Where(e => component.Contains(e.From) && component.Contains(e.To)).Select(e => $"{e.From} -> {e.To} ({e.Example})");
}
