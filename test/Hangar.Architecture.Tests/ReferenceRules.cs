namespace Hangar.Architecture.Tests;

/// <summary>
/// Project references point inward: Core ← components (Engine, Store, Forges, Providers.*) ← Configuration ← Server ←
/// Cli. Only Server and Cli compose, i.e. reference more than one component. Tests, benchmarks and the emulator are
/// tooling: they may reference anything, and only Cli and tooling may reference the emulator.
/// </summary>
internal static class ReferenceRules
{
    public const string Core = "Hangar.Core";
    public const string Configuration = "Hangar.Configuration";
    public const string Server = "Hangar.Server";
    public const string Cli = "Hangar.Cli";

    public static bool IsComponent(string project) =>
        project is "Hangar.Engine" or "Hangar.Store" or "Hangar.Forges" or "Hangar.Agent.Protocol" || project.StartsWith("Hangar.Providers.", StringComparison.Ordinal);

    public static IEnumerable<string> Violations(IReadOnlyList<ProjectFile> projects)
    {
        var tooling = projects.Where(IsTooling).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var project in projects.Where(p => !IsTooling(p)))
        {
            if (Ring(project.Name) is not { } ring)
            {
                yield return $"{project.Name} has no place in {nameof(ReferenceRules)}: is it a component, a host, tooling?";
                continue;
            }

            var hangar = project.References.Where(r => r.StartsWith("Hangar.", StringComparison.Ordinal)).ToList();
            foreach (var reference in hangar)
            {
                if (tooling.Contains(reference))
                {
                    if (project.Name != Cli)
                    {
                        yield return $"{project.Name} references {reference}: only Hangar.Cli and tooling use the emulator";
                    }
                }
                else if (Ring(reference) is not { } inner || inner >= ring)
                {
                    yield return $"{project.Name} references {reference}: a reference must point inward (Core <- components <- Configuration <- Server <- Cli)";
                }
            }

            var components = hangar.Where(IsComponent).ToList();
            if (components.Count > 1 && project.Name is not (Server or Cli or Configuration))
            {
                yield return $"{project.Name} references {string.Join(", ", components)}: only Hangar.Server and Hangar.Cli compose";
            }
        }
    }

    private static bool IsTooling(ProjectFile project) =>
        project.Area is "test" or "bench" || project.Name.StartsWith("Hangar.Emulator", StringComparison.Ordinal)
        // The in-instance agent: a program of its own that nothing references, like the emulated runner.
        || project.Name == "Hangar.Agent";

    /// <summary>
    /// Configuration turns YAML into the option types of each component (issue 8), so it references several of
    /// them; it composes nothing and only the hosts reference it.
    /// </summary>
    private static int? Ring(string project) => project switch
    {
        Core => 0,
        _ when IsComponent(project) => 1,
        Configuration => 2,
        Server => 3,
        Cli => 4,
        _ => null,
    };
}
