using Hangar.Providers.Process;

namespace Hangar.Configuration.Loading;

/// <summary>A process provider's settings: where its runners live (never beside Hangar's own data) and what of
/// Hangar's environment they get.</summary>
internal static class ProcessProviderSection
{
    public static ProviderConfig? Read(MappingReader provider, string name, string dataDir, string? storeFile)
    {
        var workDir = provider.FilePath("work_dir");
        var mark = provider.Node("work_dir")?.Start ?? provider.Owner;
        if (workDir is null)
        {
            workDir = ProcessProviderOptions.DefaultWorkDir(Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable);
            if (workDir is null)
            {
                provider.Missing("work_dir", "Hangar is not root and has no HOME to put runners under");
                return null;
            }
        }

        var given = provider.Node("work_dir") is null ? $"the default work_dir {workDir}" : $"{provider.At("work_dir")}: {workDir}";
        var clash = Clash(workDir, dataDir, "the data directory")
            ?? (storeFile is null ? null : Clash(workDir, Path.GetDirectoryName(Path.GetFullPath(storeFile)) ?? "/", "the store's directory"));
        if (clash is not null)
        {
            // Runners are jobs' code: next to hangar.db (or around it) a job could read or delete Hangar's state.
            var fix = provider.Node("work_dir") is null ? "; set work_dir" : "";
            provider.Context.Error(mark, $"{given} {clash}; runners must live outside Hangar's data{fix}");
            return null;
        }

        var options = new ProcessProviderOptions { Name = name, WorkDir = workDir };
        var inherit = ReadInheritEnv(provider);
        return new ProviderConfig { Process = inherit.Count == 0 ? options : options with { InheritEnvironment = inherit } };
    }

    /// <summary>How <paramref name="workDir"/> and <paramref name="protectedDir"/> overlap, or null when they do not.</summary>
    internal static string? Clash(string workDir, string protectedDir, string what)
    {
        var work = Normalize(workDir);
        var kept = Normalize(protectedDir);
        return work == kept ? $"is {what}"
            : Contains(kept, work) ? $"is inside {what} ({kept})"
            : Contains(work, kept) ? $"contains {what} ({kept})"
            : null;
    }

    private static List<string> ReadInheritEnv(MappingReader provider)
    {
        var names = new List<string>();
        if (provider.Sequence("inherit_env", "environment variable names") is not { } sequence)
        {
            return names;
        }

        var index = 0;
        foreach (var item in sequence)
        {
            if (YamlValues.Matching(provider.Context, item, $"{provider.At("inherit_env")}[{index++}]", ConfigPatterns.EnvironmentVariable(), "an environment variable name") is { } variable)
            {
                names.Add(variable);
            }
        }

        return names;
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool Contains(string outer, string inner) =>
        inner.StartsWith(outer.EndsWith('/') ? outer : outer + "/", StringComparison.Ordinal);
}
