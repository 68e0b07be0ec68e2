using System.Reflection;

namespace Hangar.Architecture.Tests;

/// <summary>
/// The compiled assemblies of the projects in <c>src/</c> and <c>bench/</c>, copied beside these tests by their project
/// references (<see cref="BuiltAssembliesTests"/> fails when one is missing).
/// </summary>
internal static class BuiltAssemblies
{
    public static IReadOnlyList<ProjectFile> Product { get; } = [.. Solution.Projects().Where(p => p.Area is "src" or "bench")];

    public static IReadOnlyList<ProjectFile> Sources { get; } = [.. Product.Where(p => p.Area == "src")];

    public static string PathOf(ProjectFile project) => Path.Combine(AppContext.BaseDirectory, project.AssemblyFileName);

    /// <summary>Loads the assembly into the default context, where its dependencies resolve like the tests' own.</summary>
    public static Assembly Load(ProjectFile project) => Assembly.Load(AssemblyName.GetAssemblyName(PathOf(project)));
}
