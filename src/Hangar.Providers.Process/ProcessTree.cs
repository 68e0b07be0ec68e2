using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>Ends a runner's whole process tree: SIGTERM to its group and session, then SIGKILL after the grace.</summary>
internal sealed class ProcessTree(string provider, TimeSpan grace, ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan KillPatience = TimeSpan.FromSeconds(10);

    /// <summary>Running only while the recorded pid is alive and still the process we started.</summary>
    public static bool IsRunning(ProcessRecord record) =>
        record.StartTime is { } start && ProcStat.Read(record.Pid) is { IsAlive: true } stat && stat.StartTime == start;

    public async Task EndAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        // A pid is not handed out again while any process still uses it as a group or session id. So if the pid is
        // taken by a process with another start time, nothing of ours can be left; if it is free (or still our
        // leader), whatever has it as group or session id is the runner's tree.
        if (ProcStat.Read(record.Pid) is { } leader && leader.StartTime != record.StartTime)
        {
            ProcessProviderLog.PidRecycled(logger, provider, record.Name, record.Pid);
            return;
        }

        if (await SignalUntilGoneAsync(record.Pid, Signals.SigTerm, grace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        ProcessProviderLog.Escalating(logger, provider, record.Name, grace);
        if (!await SignalUntilGoneAsync(record.Pid, Signals.SigKill, KillPatience, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"runner {record.Name}: processes of pid {record.Pid}'s group survived SIGKILL");
        }
    }

    private async Task<bool> SignalUntilGoneAsync(int leader, int signal, TimeSpan patience, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        Signals.Send(-leader, signal);
        using var poll = new PeriodicTimer(PollInterval, time);
        while (true)
        {
            var tree = TreeOf(leader);
            if (tree.Count == 0)
            {
                return true;
            }

            if (time.GetElapsedTime(started) > patience)
            {
                return false;
            }

            // Members that left the group but stayed in the session (a job's own process group) are signalled too.
            foreach (var member in tree)
            {
                Signals.Send(member.Pid, signal);
            }

            await poll.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<ProcStat> TreeOf(int leader) =>
        [.. ProcStat.All().Where(p => p.IsAlive && (p.Pid == leader || p.ProcessGroup == leader || p.Session == leader))];
}
