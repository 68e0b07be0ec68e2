using System.Runtime.Versioning;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>What a create needs from this machine: the runner's executable, its user, and the sources of its mounts.</summary>
[SupportedOSPlatform("linux")]
internal static class ProcessCreateCheck
{
    public static CreateCheck Run(RunnerSpec spec, bool hangarIsRoot)
    {
        var problems = new List<string>();
        if (spec.Command.Count == 0)
        {
            problems.Add(NoCommand(spec.Name));
        }
        else if (Executable.Resolve(spec.Command[0], Executable.PathOf(spec.Env)) is null)
        {
            problems.Add(Executable.NotFound(spec.Name, spec.Command[0]));
        }

        if (spec.User is { } user && RunnerUser.Problem(user, hangarIsRoot) is { } problem)
        {
            problems.Add($"runner {spec.Name}: {problem}");
        }

        problems.AddRange(spec.Mounts
            .Where(m => !File.Exists(m.Source) && !Directory.Exists(m.Source))
            .Select(m => $"mount source '{m.Source}' (for {m.Target}) does not exist on this host"));
        return new CreateCheck(problems);
    }

    public static string NoCommand(string runner) => $"runner {runner}: the process provider needs a command";
}
