using System.Runtime.Versioning;

namespace Hangar.Providers.Process;

/// <summary>Finds a runner's executable the way a shell would: a path as given, a bare name on the runner's PATH.</summary>
[SupportedOSPlatform("linux")]
internal static class Executable
{
    /// <summary>The PATH the runner will have: its own when the spec sets one, else the one it inherits from Hangar.</summary>
    public static string? PathOf(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("PATH", out var path) ? path : System.Environment.GetEnvironmentVariable("PATH");

    /// <summary>The executable's full path, or null when there is none (or it is not executable).</summary>
    public static string? Resolve(string command, string? path)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command);
            return IsExecutable(full) ? full : null;
        }

        return (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(IsExecutable);
    }

    public static string NotFound(string runner, string command) =>
        $"runner {runner}: executable '{command}' not found (or not executable) on PATH";

    private static bool IsExecutable(string file) =>
        File.Exists(file) &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
