namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>The repository root (where package.json and Hangar.slnx live) and the npm tooling the contract tests use.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A tool from node_modules/.bin, or a failure that says how to get it.</summary>
    public static string NodeTool(string name)
    {
        var tool = System.IO.Path.Combine(Path, "node_modules", ".bin", name);
        return File.Exists(tool)
            ? tool
            : throw new InvalidOperationException(
                $"{tool} is missing: run 'npm ci' in {Path} (eng/test.sh does it when node_modules is absent)");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Hangar.slnx")) && File.Exists(System.IO.Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root (Hangar.slnx + package.json) above {AppContext.BaseDirectory}");
    }
}
