using System.Globalization;

namespace Hangar.Providers.Process;

/// <summary>The few fields of <c>/proc/&lt;pid&gt;/stat</c> that identify a process and its group and session.</summary>
internal readonly record struct ProcStat(int Pid, char State, int ProcessGroup, int Session, long StartTime)
{
    /// <summary>A zombie has ended; it only waits for its parent to collect it.</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(pid, text);
    }

    /// <summary>Every process on the machine that is still alive, as far as <c>/proc</c> shows at this moment.</summary>
    public static IEnumerable<ProcStat> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    internal static ProcStat? Parse(int pid, string text)
    {
        // The command name (field 2) is in parentheses and may itself contain spaces and ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0].Length != 1)
        {
            return null;
        }

        // fields[0] is field 3 of proc(5): state; 5 is pgrp, 6 session, 22 starttime.
        return int.TryParse(fields[2], CultureInfo.InvariantCulture, out var group) &&
            int.TryParse(fields[3], CultureInfo.InvariantCulture, out var session) &&
            long.TryParse(fields[19], CultureInfo.InvariantCulture, out var start)
            ? new ProcStat(pid, fields[0][0], group, session, start)
            : null;
    }
}
