using Hangar.Emulator;

namespace Hangar.Testing;

/// <summary>The repository root (where package.json and Hangar.slnx live) and the npm tooling some tests use.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = EmulatedRunnerBinary.SourceTree()
        ?? throw new InvalidOperationException($"no repository root (Hangar.slnx) above {AppContext.BaseDirectory}");

    /// <summary>A tool from node_modules/.bin, or a failure that says how to get it.</summary>
    public static string NodeTool(string name) => NodeModule(System.IO.Path.Combine(".bin", name));

    /// <summary>A file or directory under node_modules, or a failure that says how to get it.</summary>
    public static string NodeModule(string relative)
    {
        var path = System.IO.Path.Combine(Path, "node_modules", relative);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{path} is missing: run 'npm ci' in {Path} (eng/test.sh does it when node_modules is absent)");
    }
}
