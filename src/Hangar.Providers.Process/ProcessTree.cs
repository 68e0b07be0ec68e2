using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>
/// Ends a runner's whole process tree: SIGTERM, then SIGKILL after the grace, to its group, its session and every
/// process carrying its launch marker (a job that left the session, or a runner whose pid was never recorded).
/// </summary>
internal sealed class ProcessTree(string provider, TimeSpan grace, ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan KillPatience = TimeSpan.FromSeconds(10);

    /// <summary>Running only while the recorded pid is alive and still the process we started.</summary>
    public static bool IsRunning(ProcessRecord record) =>
        record.Pid is { } pid && record.StartTime is { } start && ProcStat.Read(pid) is { IsAlive: true } stat && stat.StartTime == start;

    /// <summary>For an intent (no pid recorded): the process its launch started, if one runs.</summary>
    public static ProcStat? Launched(ProcessRecord record) =>
        record is { Pid: null, LaunchId: { } id } && LaunchMarker.Find(id) is [var first, ..] ? first : null;

    public async Task EndAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        var leader = record.Pid;
        if (leader is <= 1)
        {
            // kill(-1) signals every process Hangar may signal, kill(0) Hangar's own group: a record never asks for that.
            throw new InvalidOperationException($"runner {record.Name}: its record names pid {leader}, which Hangar never signals");
        }

        // A pid is not handed out again while any process still uses it as a group or session id. So if the pid is
        // taken by a process with another start time, nothing of its group or session can be left; if it is free (or
        // still our leader), whatever has it as group or session id is the runner's tree.
        if (leader is { } pid && ProcStat.Read(pid) is { } stat && stat.StartTime != record.StartTime)
        {
            ProcessProviderLog.PidRecycled(logger, provider, record.Name, pid);
            leader = null;
        }

        var marker = record.LaunchId;
        if (leader is null && marker is null)
        {
            return;
        }

        if (await SignalUntilGoneAsync(leader, marker, Signals.SigTerm, grace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        ProcessProviderLog.Escalating(logger, provider, record.Name, grace);
        if (!await SignalUntilGoneAsync(leader, marker, Signals.SigKill, KillPatience, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"runner {record.Name}: some of its processes survived SIGKILL");
        }
    }

    private async Task<bool> SignalUntilGoneAsync(int? leader, string? marker, int signal, TimeSpan patience, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (leader is { } group)
        {
            Signals.Send(-group, signal);
        }

        using var poll = new PeriodicTimer(PollInterval, time);
        while (true)
        {
            var tree = TreeOf(leader, marker);
            if (tree.Count == 0)
            {
                return true;
            }

            if (time.GetElapsedTime(started) > patience)
            {
                return false;
            }

            foreach (var member in tree)
            {
                Signals.Send(member.Pid, signal);
            }

            await poll.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<ProcStat> TreeOf(int? leader, string? marker)
    {
        var tree = leader is { } pid
            ? ProcStat.All().Where(p => p.IsAlive && (p.Pid == pid || p.ProcessGroup == pid || p.Session == pid)).ToList()
            : [];
        if (marker is not null)
        {
            tree.AddRange(LaunchMarker.Find(marker).Where(p => tree.TrueForAll(t => t.Pid != p.Pid)));
        }

        return tree;
    }
}
