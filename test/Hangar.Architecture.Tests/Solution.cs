using System.Xml.Linq;

namespace Hangar.Architecture.Tests;

/// <summary>The projects of <c>Hangar.slnx</c> and their project references, read from the files.</summary>
internal static class Solution
{
    public const string FileName = "Hangar.slnx";

    public static string Root { get; } = FindRoot();

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, FileName)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no {FileName} above {AppContext.BaseDirectory}");
    }
}
