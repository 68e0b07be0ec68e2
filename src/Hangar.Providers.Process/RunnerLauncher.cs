using System.Diagnostics;
using System.Runtime.Versioning;

namespace Hangar.Providers.Process;

/// <summary>
/// Starts a runner so that it outlives Hangar: <c>setsid</c> makes it the leader of its own session and process
/// group (no hang-up or group signal aimed at Hangar reaches it, and its whole tree can be signalled as one), and its
/// standard streams go to a file rather than pipes to Hangar, so a SIGKILLed Hangar leaves it writing happily.
/// The shell, setsid and setpriv (for another user) exec in place, so the pid Hangar sees is the runner's own.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class RunnerLauncher
{
    public const string LogFile = "runner.log";

    // Run as `sh -c Script setsid LOG [setpriv ...] executable args...`: "$0" is setsid, the log path and the runner's
    // command line are arguments, untouched by the shell whatever characters they hold; `l` is not exported.
    private const string Script = "l=\"$1\"; shift; exec \"$0\" -- \"$@\" </dev/null >>\"$l\" 2>&1";

    public static readonly string Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) ?? "setsid";

    /// <summary>Starts the runner in <paramref name="directory"/>'s working directory with exactly
    /// <paramref name="environment"/> (nothing of Hangar's own); returns its pid.</summary>
    /// <remarks>Secrets travel only in the child's environment (never in arguments, visible in ps) or in its
    /// credential files.</remarks>
    public static int Start(
        string runner, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string directory, RunnerUser? user)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { WorkingDirectory = RunnerDirectory.Work(directory), UseShellExecute = false };
        startInfo.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var executable = Executable.Resolve(command[0], environment.TryGetValue("PATH", out var path) ? path : null)
            ?? throw new InvalidOperationException(Executable.NotFound(runner, command[0]));
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(Setsid);
        startInfo.ArgumentList.Add(RunnerDirectory.Log(directory));
        foreach (var argument in user?.SetprivArguments() ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add(executable);
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The Process object is not kept: the runtime still reaps the child when it exits (it tracks every child it
        // started), so no zombie is left while Hangar runs, and after a restart the runner is init's to reap.
        using var process = System.Diagnostics.Process.Start(startInfo)
            ?? throw new InvalidOperationException($"runner {runner}: could not start /bin/sh");
        return process.Id;
    }
}
