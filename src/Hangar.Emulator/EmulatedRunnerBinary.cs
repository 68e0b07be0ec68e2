namespace Hangar.Emulator;

/// <summary>
/// Where the Native AOT <c>hangar-emulated-runner</c> is: <see cref="RelativePath"/> in the source tree, published by
/// <see cref="BuildScript"/> (which the test script runs). Everything that starts a runner as a process — the demo,
/// the tests, the benchmarks — finds it here, so a missing build fails with one message that says how to make it,
/// rather than quietly starting a slower runner that would show up in every latency figure. An installed package
/// (<c>eng/publish.sh</c>) has no source tree: there the runner ships beside the <c>hangar</c> executable, or
/// <see cref="EnvironmentVariable"/> names it.
/// </summary>
public static class EmulatedRunnerBinary
{
    public const string RelativePath = "artifacts/native/hangar-emulated-runner";

    public const string BuildScript = "eng/build-native-runner.sh";

    public const string FileName = "hangar-emulated-runner";

    /// <summary>Names the runner's path outright; it wins over the other places.</summary>
    public const string EnvironmentVariable = "HANGAR_EMULATED_RUNNER";

    /// <summary>The runner's path; throws, saying how to build it, when it is not there.</summary>
    public static string Path => TryFind(out var missing) ?? throw new InvalidOperationException(missing);

    /// <summary>The runner's path, or null with <paramref name="missing"/> saying why and what to run.</summary>
    public static string? TryFind(out string missing)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named)
        {
            missing = File.Exists(named) ? "" : $"{EnvironmentVariable} names {named}, which does not exist";
            return File.Exists(named) ? named : null;
        }

        var beside = System.IO.Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside))
        {
            missing = "";
            return beside;
        }

        if (SourceTree() is not { } tree)
        {
            missing = $"the native emulated runner is neither beside hangar ({beside}) nor in a source tree ({RelativePath}; there is no Hangar.slnx above {AppContext.BaseDirectory}); set {EnvironmentVariable} to its path";
            return null;
        }

        var path = System.IO.Path.Combine(tree, RelativePath);
        if (!File.Exists(path))
        {
            missing = $"the native emulated runner {path} is not built: run `bash {BuildScript}` in {tree} (eng/test.sh does)";
            return null;
        }

        missing = "";
        return path;
    }

    /// <summary>The source tree above the running program (there under <c>dotnet run</c>, <c>dotnet test</c> and the benchmarks), or null.</summary>
    public static string? SourceTree()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Hangar.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
