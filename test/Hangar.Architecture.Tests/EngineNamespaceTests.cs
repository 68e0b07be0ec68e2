using Hangar.Engine;

namespace Hangar.Architecture.Tests;

/// <summary>The engine's folders depend on each other one way only, and only the actuator changes the outside world.</summary>
public sealed class EngineNamespaceTests
{
    private static readonly Lazy<IReadOnlyList<TypeFacts>> EngineTypes = new(() =>
    {
        using var assembly = CompiledAssembly.Of(typeof(EngineOptions));
        return assembly.Types();
    });

    /// <summary>
    /// Calls that change something at a provider or forge. A denylist rather than a list of reads, so that a new
    /// read-only member (a pre-create check, a listing) needs no change here.
    /// </summary>
    private static readonly MemberCall[] Mutations =
    [
        new("Hangar.Core.Providers.IProvider", "CreateAsync"),
        new("Hangar.Core.Providers.IProvider", "DeleteAsync"),
        new("Hangar.Core.Providers.IProvider", "StartAsync"),
        new("Hangar.Core.Providers.IProvider", "StopAsync"),
        new("Hangar.Core.Forges.IForge", "CreateRunnerCredentialAsync"),
        new("Hangar.Core.Forges.IForge", "RemoveRunnerAsync"),
        new("Hangar.Core.RunnerGroups.IRunnerGroupManager", "CreateRunnerGroupAsync"),
        new("Hangar.Core.RunnerGroups.IRunnerGroupManager", "UpdateRunnerGroupAsync"),
    ];

    private const string Actuation = "Hangar.Engine.Actuation";

    // The composition (AddHangarEngine) lives in Microsoft.Extensions.DependencyInjection and compiler-embedded
    // attributes in System.*/Microsoft.CodeAnalysis: neither is one of the engine's folders.
    private static NamespaceGraph Graph => NamespaceGraph.Of(EngineTypes.Value, IsEngineFolder);

    private static bool IsEngineFolder(string ns) => ns == "Hangar.Engine" || ns.StartsWith("Hangar.Engine.", StringComparison.Ordinal);

    [Fact]
    public void Graph_OfTheEngine_SeesTheUsesItIsBuiltOn()
    {
        var graph = Graph;

        graph.HasEdge("Hangar.Engine.Reconcile", Actuation).ShouldBeTrue();
        graph.HasEdge(Actuation, "Hangar.Engine").ShouldBeTrue();
        graph.HasEdge("Hangar.Engine.Reconcile", "Hangar.Engine").ShouldBeTrue();
        graph.HasEdge("Hangar.Engine.Intake", "Hangar.Engine").ShouldBeTrue();
    }

    [Fact]
    public void Namespaces_OfTheEngine_HaveNoCycle()
    {
        var graph = Graph;

        var cycles = graph.Cycles().Select(c => string.Join(" <-> ", c) + ":\n  " + string.Join("\n  ", graph.Explain(c)));

        cycles.ShouldBeEmpty();
    }

    [Fact]
    public void Namespaces_OfTheEngine_UseOnlyLowerLayers()
    {
        EngineLayers.Violations(Graph, EngineLayers.BottomUp).ShouldBeEmpty();
    }

    [Fact]
    public void ProvidersAndForges_ChangedOnlyByTheActuator()
    {
        var outside = EngineTypes.Value
            .Where(t => t.Namespace != Actuation)
            .SelectMany(t => t.Calls.Intersect(Mutations).Select(c => $"{t.FullName} calls {c.DeclaringType}.{c.Member}"));

        outside.ShouldBeEmpty();
    }

    [Fact]
    public void ProvidersAndForges_ChangedByTheActuator_AsTheScannerSees()
    {
        var inside = EngineTypes.Value.Where(t => t.Namespace == Actuation).SelectMany(t => t.Calls).ToHashSet();

        inside.ShouldContain(new MemberCall("Hangar.Core.Providers.IProvider", "CreateAsync"));
        inside.ShouldContain(new MemberCall("Hangar.Core.Providers.IProvider", "DeleteAsync"));
        inside.ShouldContain(new MemberCall("Hangar.Core.Forges.IForge", "CreateRunnerCredentialAsync"));
        inside.ShouldContain(new MemberCall("Hangar.Core.Forges.IForge", "RemoveRunnerAsync"));
        inside.ShouldContain(new MemberCall("Hangar.Core.RunnerGroups.IRunnerGroupManager", "UpdateRunnerGroupAsync"));
    }
}
