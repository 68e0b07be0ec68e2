namespace Hangar.Bench.Harness;

internal static class ProcessMemory
{
    /// <summary>Resident set size of a process in MB, from /proc/PID/status (VmRSS).</summary>
    public static double RssMb(int pid) => StatusKb(pid, "VmRSS") / 1024.0;

    /// <summary>
    /// The part of the resident set no other process shares, in MB: anonymous pages (GC heap, native heap, stacks) and
    /// shared memory (the runtime maps JIT-compiled code and loader heaps through a memfd, W^X). The rest of RSS is the
    /// runtime's and the assemblies' file pages, which every .NET process on the host maps from the same page cache.
    /// </summary>
    public static double PrivateMb(int pid) => (StatusKb(pid, "RssAnon") + StatusKb(pid, "RssShmem")) / 1024.0;

    private static long StatusKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no {field} for pid {pid}");
    }
}
