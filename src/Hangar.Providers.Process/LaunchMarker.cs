using System.Globalization;
using System.Text;

namespace Hangar.Providers.Process;

/// <summary>
/// Every launch puts <see cref="Variable"/><c>=&lt;id&gt;</c> in the runner's environment, which everything the runner
/// starts inherits. It finds a runner whose pid never reached its record (Hangar killed between starting it and writing
/// the pid), and the processes of a job that left the runner's session. A process's initial environment
/// (<c>/proc/&lt;pid&gt;/environ</c>) is readable by its own user and by root: by Hangar, whichever user runs the runner.
/// </summary>
internal static class LaunchMarker
{
    public const string Variable = "HANGAR_LAUNCH_ID";

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The live processes carrying <paramref name="launchId"/>, oldest first: the launched process (if it
    /// still runs) before anything it started.</summary>
    public static List<ProcStat> Find(string launchId)
    {
        var entry = Encoding.UTF8.GetBytes($"\0{Variable}={launchId}\0");
        return [.. ProcStat.All().Where(p => p.IsAlive && Carries(p.Pid, entry)).OrderBy(p => p.StartTime)];
    }

    private static bool Carries(int pid, byte[] entry)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // Entries are NUL-terminated; a leading NUL lets the first one match like the others.
        return environ.AsSpan().StartsWith(entry.AsSpan(1)) || environ.AsSpan().IndexOf(entry) >= 0;
    }
}
