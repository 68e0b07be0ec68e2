using System.Diagnostics;
using System.Runtime.Versioning;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>
/// Starts a runner so that it outlives Hangar: <c>setsid</c> makes it the leader of its own session and process
/// group (no hang-up or group signal aimed at Hangar reaches it, and its whole tree can be signalled as one), and its
/// standard streams go to a file rather than pipes to Hangar, so a SIGKILLed Hangar leaves it writing happily.
/// The shell and setsid exec in place, so the pid Hangar sees is the runner's own.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class RunnerLauncher
{
    public const string LogFile = "runner.log";

    // Run as `sh -c Script setsid executable args...`: "$0" is setsid, "$@" the runner's command line, untouched by
    // the shell whatever characters it holds.
    private const string Script = "exec \"$0\" -- \"$@\" </dev/null >>" + LogFile + " 2>&1";

    public static readonly string Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) ?? "setsid";

    /// <summary>Starts the runner; returns its pid.</summary>
    public static int Start(RunnerSpec spec, string directory)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, UseShellExecute = false };

        // Secrets travel only in the child's environment: never in arguments (visible in ps) or on disk.
        foreach (var (key, value) in spec.Env)
        {
            startInfo.Environment[key] = value;
        }

        foreach (var (key, value) in spec.SecretEnv)
        {
            startInfo.Environment[key] = value;
        }

        var executable = ResolveExecutable(spec.Name, spec.Command[0], startInfo.Environment.TryGetValue("PATH", out var path) ? path : null);
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(Setsid);
        startInfo.ArgumentList.Add(executable);
        foreach (var argument in spec.Command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The Process object is not kept: the runtime still reaps the child when it exits (it tracks every child it
        // started), so no zombie is left while Hangar runs, and after a restart the runner is init's to reap.
        using var process = System.Diagnostics.Process.Start(startInfo)
            ?? throw new InvalidOperationException($"runner {spec.Name}: could not start /bin/sh");
        return process.Id;
    }

    private static string ResolveExecutable(string runner, string command, string? path)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command);
            return IsExecutable(full) ? full : throw NotFound(runner, command);
        }

        foreach (var dir in (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw NotFound(runner, command);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static InvalidOperationException NotFound(string runner, string command) =>
        new($"runner {runner}: executable '{command}' not found (or not executable) on PATH");
}
