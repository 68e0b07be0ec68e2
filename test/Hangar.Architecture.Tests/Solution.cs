using System.Xml.Linq;
using Hangar.Emulator;

namespace Hangar.Architecture.Tests;

/// <summary>The projects of <c>Hangar.slnx</c> and their project references, read from the files.</summary>
internal static class Solution
{
    public const string FileName = "Hangar.slnx";

    public static string Root { get; } = EmulatedRunnerBinary.SourceTree()
        ?? throw new InvalidOperationException($"no {FileName} above {AppContext.BaseDirectory}");

    public static IReadOnlyList<ProjectFile> Projects() =>
    [
        .. XDocument.Load(Path.Combine(Root, FileName)).Descendants("Project")
            .Select(p => p.Attribute("Path")!.Value.Replace('\\', '/'))
            .Select(path => (Path: path, File: XDocument.Load(Path.Combine(Root, path))))
            .Select(project => new ProjectFile(
                Path.GetFileNameWithoutExtension(project.Path),
                project.Path.Split('/')[0],
                [
                    .. project.File.Descendants("ProjectReference")
                        .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))),
                ],
                project.File.Descendants("AssemblyName").SingleOrDefault()?.Value,
                [.. project.File.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)])),
    ];
}
