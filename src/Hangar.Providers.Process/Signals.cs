using System.Runtime.InteropServices;

namespace Hangar.Providers.Process;

internal static partial class Signals
{
    public const int SigKill = 9;

    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to one process, or to a whole group when <paramref name="pid"/> is negative.
    /// A target that is already gone is not an error.</summary>
    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
