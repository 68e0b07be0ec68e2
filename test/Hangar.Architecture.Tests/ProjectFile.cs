namespace Hangar.Architecture.Tests;

/// <param name="Name">The project's name (its file name without <c>.csproj</c>).</param>
/// <param name="Area">The top folder it lives in: <c>src</c>, <c>test</c> or <c>bench</c>.</param>
/// <param name="References">The names of the projects it references.</param>
/// <param name="AssemblyName">Its <c>AssemblyName</c> when that is not <paramref name="Name"/> (the CLI is <c>hangar</c>).</param>
/// <param name="Packages">The packages it references directly.</param>
internal sealed record ProjectFile(
    string Name, string Area, IReadOnlyList<string> References, string? AssemblyName = null, IReadOnlyList<string>? Packages = null)
{
    public string AssemblyFileName => (AssemblyName ?? Name) + ".dll";
}
