using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>
/// Runs each runner as a local process in <c>{WorkDir}/{name}</c>. The runner outlives Hangar (its own session, its
/// output in a file) and is found again through <c>instance.json</c>, whose recorded start time keeps a recycled pid
/// from ever being taken for ours.
/// </summary>
public sealed partial class ProcessProvider(ProcessProviderOptions options, ILogger<ProcessProvider> logger, TimeProvider? timeProvider = null)
    : IProvider
{
    internal const string RecordFile = "instance.json";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    private readonly string _root = Path.GetFullPath(options.WorkDir);

    public string Name => options.Name;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the process provider needs Linux (it relies on /proc and setsid)");
        }

        if (!IsValidName(spec.Name))
        {
            throw new ArgumentException($"runner name '{spec.Name}' is not a safe directory name", nameof(spec));
        }

        if (spec.Command.Count == 0)
        {
            throw new ArgumentException($"runner {spec.Name}: the process provider needs a command", nameof(spec));
        }

        var dir = DirectoryOf(spec.Name);
        using (await NameLocks.AcquireAsync(dir, cancellationToken).ConfigureAwait(false))
        {
            if (File.Exists(Path.Combine(dir, RecordFile)))
            {
                var existing = ReadRecord(dir) ?? throw new InvalidOperationException($"runner {spec.Name}: {dir}/{RecordFile} is unreadable");
                if (existing.ControllerId != options.ControllerId)
                {
                    throw new InvalidOperationException(
                        $"runner {spec.Name}: {dir} belongs to another controller; Hangar does not touch what it did not create");
                }

                ProcessProviderLog.Exists(logger, Name, spec.Name, existing.Pid);
                return ToInstance(existing);
            }

            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            int pid;
            try
            {
                pid = RunnerLauncher.Start(spec, dir);
            }
            catch
            {
                // Nothing runs and nothing is recorded: leave no directory that Delete would have to guess about.
                Directory.Delete(dir, recursive: true);
                throw;
            }

            var record = new ProcessRecord(spec.Name, spec.Pool, options.ControllerId, pid, ProcStat.Read(pid)?.StartTime, _time.GetUtcNow());
            try
            {
                WriteRecord(dir, record);
            }
            catch
            {
                // An unrecorded runner could never be found or stopped again.
                Signals.Send(-pid, Signals.SigKill);
                Signals.Send(pid, Signals.SigKill);
                throw;
            }

            ProcessProviderLog.Started(logger, Name, spec.Name, pid, spec.Pool);
            return ToInstance(record);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name))
        {
            return;
        }

        var dir = DirectoryOf(name);
        using (await NameLocks.AcquireAsync(dir, cancellationToken).ConfigureAwait(false))
        {
            var record = ReadRecord(dir);
            if (record is null)
            {
                if (Directory.Exists(dir))
                {
                    ProcessProviderLog.ForeignIgnored(logger, Name, dir);
                }

                return;
            }

            if (record.ControllerId != options.ControllerId)
            {
                ProcessProviderLog.ForeignIgnored(logger, Name, dir);
                return;
            }

            await StopAsync(record, cancellationToken).ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
            ProcessProviderLog.Removed(logger, Name, name);
        }
    }

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var record = IsValidName(name) ? ReadRecord(DirectoryOf(name)) : null;
        return Task.FromResult(record is not null && record.ControllerId == options.ControllerId ? ToInstance(record) : null);
    }

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ProviderInstance> instances = !Directory.Exists(_root)
            ? []
            :
            [
                .. Directory.EnumerateDirectories(_root)
                    .Select(ReadRecord)
                    .OfType<ProcessRecord>()
                    .Where(r => r.ControllerId == options.ControllerId && (pool is null || r.Pool == pool))
                    .Select(ToInstance),
            ];
        return Task.FromResult(instances);
    }

    /// <summary>Running only while the recorded pid is alive and still the process we started.</summary>
    internal static ProviderInstanceStatus StatusOf(ProcessRecord record) =>
        record.StartTime is { } start && ProcStat.Read(record.Pid) is { IsAlive: true } stat && stat.StartTime == start
            ? ProviderInstanceStatus.Running
            : ProviderInstanceStatus.Exited;

    private async Task StopAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        // A pid is not handed out again while any process still uses it as a group or session id. So if the pid is
        // taken by a process with another start time, nothing of ours can be left; if it is free (or still our
        // leader), whatever has it as group or session id is the runner's tree.
        if (ProcStat.Read(record.Pid) is { } leader && leader.StartTime != record.StartTime)
        {
            ProcessProviderLog.PidRecycled(logger, Name, record.Name, record.Pid);
            return;
        }

        if (await SignalUntilGoneAsync(record.Pid, Signals.SigTerm, options.StopGrace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        ProcessProviderLog.Escalating(logger, Name, record.Name, options.StopGrace);
        if (!await SignalUntilGoneAsync(record.Pid, Signals.SigKill, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"runner {record.Name}: processes of pid {record.Pid}'s group survived SIGKILL");
        }
    }

    private async Task<bool> SignalUntilGoneAsync(int leader, int signal, TimeSpan patience, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        Signals.Send(-leader, signal);
        while (true)
        {
            var tree = TreeOf(leader);
            if (tree.Count == 0)
            {
                return true;
            }

            if (_time.GetElapsedTime(started) > patience)
            {
                return false;
            }

            // Members that left the group but stayed in the session (a job's own process group) are signalled too.
            foreach (var member in tree)
            {
                Signals.Send(member.Pid, signal);
            }

            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<ProcStat> TreeOf(int leader) =>
        [.. ProcStat.All().Where(p => p.IsAlive && (p.Pid == leader || p.ProcessGroup == leader || p.Session == leader))];

    private ProcessRecord? ReadRecord(string dir)
    {
        var path = Path.Combine(dir, RecordFile);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ProcessRecordJsonContext.Default.ProcessRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            ProcessProviderLog.UnreadableRecord(logger, Name, path, e);
            return null;
        }
    }

    // A reader never sees a half-written record: the rename replaces it whole.
    private static void WriteRecord(string dir, ProcessRecord record)
    {
        var temp = Path.Combine(dir, $".{RecordFile}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, record, ProcessRecordJsonContext.Default.ProcessRecord);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(dir, RecordFile), overwrite: true);
    }

    private string DirectoryOf(string name) => Path.Combine(_root, name);

    private static ProviderInstance ToInstance(ProcessRecord record) =>
        new(record.Name, record.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Pool, StatusOf(record));

    private static bool IsValidName(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();
}
