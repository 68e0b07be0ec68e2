namespace Hangar.Architecture.Tests;

/// <summary>
/// A type is public only when another assembly of the product (src/ or bench/) uses it; everything else is internal
/// (STYLE.md). Tests see internals through InternalsVisibleTo, so they are no reason to be public.
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>Public types no other assembly names, each with the reason it stays public.</summary>
    private static readonly Dictionary<string, string> Intentional = new(StringComparer.Ordinal)
    {
        ["Hangar.Engine.Reconcile.LoopNames"] =
            "constants only, compiled into Hangar.Server's readiness check (no reference to the type remains to be seen)",
        ["Hangar.Engine.Leases.LeasedWork"] =
            "what the public ILeaseOwnership hands out (Hangar.Server reads ownership; demand sources of other issues hold work through it)",
        ["Hangar.Engine.Reconcile.IReconcilePass"] =
            "the shared test kit's EngineHarness hands each pass to every test project (only src assemblies see its internals)",
        ["Hangar.Emulator.State.RunnerScope"] =
            "a required member of EmulatedRunner, which Hangar.Cli's demo and the bench read (C# keeps required members as visible as their type)",
        ["Hangar.Emulator.State.RunnerScopeKind"] = "RunnerScope's kind (see RunnerScope)",
        ["Hangar.Emulator.State.RunnerGroup"] = "a required member of EmulatedRunner (see RunnerScope)",
        ["Hangar.Agent.Protocol.V1.AgentReflection"] =
            "protoc's descriptor holder for agent.proto, generated public beside the messages that both sides of the protocol use",
        ["Hangar.Agent.Protocol.V1.BootLog"] =
            "a message of the versioned hangar.agent.v1 protocol, generated public by protoc; the boot-log stream that sends it is still to come",
    };

    private static readonly Lazy<IReadOnlyList<(string Assembly, IReadOnlyList<string> Visible, IReadOnlySet<string> UsedByOthers)>> Surface = new(() =>
    {
        var assemblies = BuiltAssemblies.Product.Select(p => (p.Area, Compiled: new CompiledAssembly(BuiltAssemblies.PathOf(p)))).ToList();
        try
        {
            return
            [
                .. assemblies.Where(a => a.Area == "src").Select(a => (
                    a.Compiled.Name,
                    a.Compiled.VisibleTypes(),
                    (IReadOnlySet<string>)assemblies.Where(o => o.Compiled != a.Compiled)
                        .SelectMany(o => o.Compiled.TypesUsedFrom(a.Compiled.Name))
                        .ToHashSet(StringComparer.Ordinal))),
            ];
        }
        finally
        {
            assemblies.ForEach(a => a.Compiled.Dispose());
        }
    });

    [Fact]
    public void Surface_OfTheSources_SeesTheUsesAcrossAssemblies()
    {
        var byName = Surface.Value.ToDictionary(s => s.Assembly);

        byName["Hangar.Core"].UsedByOthers.ShouldContain("Hangar.Core.Storage.IStore");
        byName["Hangar.Engine"].UsedByOthers.ShouldContain("Microsoft.Extensions.DependencyInjection.EngineServiceCollectionExtensions");
        byName["Hangar.Core"].Visible.ShouldContain("Hangar.Core.Storage.IStore");
    }

    [Fact]
    public void PublicTypes_OfTheSources_EachUsedByAnotherAssembly()
    {
        var unused = Surface.Value.SelectMany(s => s.Visible
            .Where(t => !s.UsedByOthers.Contains(t) && !Intentional.ContainsKey(t))
            .Select(t => $"{s.Assembly}: {t} is public but no other assembly uses it; make it internal"));

        unused.ShouldBeEmpty();
    }

    [Fact]
    public void Intentional_EveryEntry_StillAPublicType()
    {
        var visible = Surface.Value.SelectMany(s => s.Visible).ToHashSet(StringComparer.Ordinal);

        Intentional.Keys.Where(t => !visible.Contains(t)).ShouldBeEmpty();
    }
}
