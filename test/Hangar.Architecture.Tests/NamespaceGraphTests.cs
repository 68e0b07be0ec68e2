namespace Hangar.Architecture.Tests;

/// <summary>The checks on hand-made graphs, so that a broken check cannot pass the real one by finding nothing.</summary>
public sealed class NamespaceGraphTests
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Layers = [["A"], ["A.B", "A.C"], ["A.D"]];

    [Fact]
    public void Cycles_ThroughThreeNamespaces_FoundWithTheirEdges()
    {
        var graph = new NamespaceGraph();
        graph.AddEdge("A.D", "A.B", "D1 uses B1");
        graph.AddEdge("A.B", "A", "B1 uses A1");
        graph.AddEdge("A", "A.D", "A1 uses D1");
        graph.AddEdge("A.C", "A", "C1 uses A1");

        var cycle = graph.Cycles().ShouldHaveSingleItem();

        cycle.ShouldBe(["A", "A.B", "A.D"]);
        graph.Explain(cycle).ShouldContain("A -> A.D (A1 uses D1)");
    }

    [Fact]
    public void Cycles_OfALayeredGraph_None()
    {
        var graph = new NamespaceGraph();
        graph.AddEdge("A.D", "A.B", "D1 uses B1");
        graph.AddEdge("A.D", "A", "D1 uses A1");
        graph.AddEdge("A.B", "A", "B1 uses A1");

        graph.Cycles().ShouldBeEmpty();
    }

    [Fact]
    public void Violations_UpSidewaysAndUnplaced_EachReported()
    {
        var graph = new NamespaceGraph();
        graph.AddEdge("A", "A.B", "A1 uses B1");
        graph.AddEdge("A.B", "A.C", "B1 uses C1");
        graph.AddEdge("A.D.Deeper", "A.B", "E1 uses B1");
        graph.AddEdge("A.New", "A", "N1 uses A1");

        var violations = EngineLayers.Violations(graph, Layers).ToList();

        violations.ShouldBe(
        [
            "A.New is in no layer: place it in EngineLayers.BottomUp",
            "A -> A.B points up (A1 uses B1)",
            "A.B -> A.C points sideways (B1 uses C1)",
        ]);
    }
}
