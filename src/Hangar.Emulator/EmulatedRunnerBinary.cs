namespace Hangar.Emulator;

/// <summary>
/// Where the Native AOT <c>hangar-emulated-runner</c> is: <see cref="RelativePath"/> in the source tree, published by
/// <see cref="BuildScript"/> (which the test script runs). Everything that starts a runner as a process — the demo,
/// the tests, the benchmarks — finds it here, so a missing build fails with one message that says how to make it,
/// rather than quietly starting a slower runner that would show up in every latency figure.
/// </summary>
public static class EmulatedRunnerBinary
{
    public const string RelativePath = "artifacts/native/hangar-emulated-runner";

    public const string BuildScript = "eng/build-native-runner.sh";

    /// <summary>The runner's path; throws, saying how to build it, when it is not there.</summary>
    public static string Path => TryFind(out var missing) ?? throw new InvalidOperationException(missing);

    /// <summary>The runner's path, or null with <paramref name="missing"/> saying why and what to run.</summary>
    public static string? TryFind(out string missing)
    {
        if (SourceTree() is not { } tree)
        {
            missing = $"the native emulated runner lives in the source tree ({RelativePath}), and there is no Hangar.slnx above {AppContext.BaseDirectory}";
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
