namespace Hangar.Bench.Harness;

internal static class ProcessMemory
{
    /// <summary>Resident set size of a process in MB, from /proc/PID/status (VmRSS).</summary>
    public static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        throw new InvalidOperationException($"no VmRSS for pid {pid}");
    }
}
