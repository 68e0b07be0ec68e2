using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>
/// Runs each runner as a local process in <c>{WorkDir}/{name}</c>. The runner outlives Hangar (its own session, its
/// output in a file) and is found again through <c>instance.json</c>, whose recorded start time keeps a recycled pid
/// from ever being taken for ours. A stopped runner keeps its directory and can be started again from its record.
/// </summary>
public sealed partial class ProcessProvider(ProcessProviderOptions options, ILogger<ProcessProvider> logger, TimeProvider? timeProvider = null)
    : IProvider
{
    internal const string RecordFile = ProcessRecords.FileName;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    private readonly string _root = Path.GetFullPath(options.WorkDir);

    private readonly ProcessRecords _records = new(options.Name, logger);

    private readonly ProcessTree _tree = new(options.Name, options.StopGrace, logger, timeProvider ?? TimeProvider.System);

    public string Name => options.Name;

    public ProviderCapabilities Capabilities =>
        ProviderCapabilities.StartStop | ProviderCapabilities.CreateCheck | ProviderCapabilities.CredentialFile;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!OperatingSystem.IsLinux())
        {
            throw NotLinux();
        }

        if (!IsValidName(spec.Name))
        {
            throw new ArgumentException($"runner name '{spec.Name}' is not a safe directory name", nameof(spec));
        }

        if (spec.Command.Count == 0)
        {
            throw new ArgumentException(ProcessCreateCheck.NoCommand(spec.Name), nameof(spec));
        }

        var dir = DirectoryOf(spec.Name);
        using (await NameLocks.AcquireAsync(dir, cancellationToken).ConfigureAwait(false))
        {
            if (ProcessRecords.Exists(dir))
            {
                var existing = _records.Read(dir) ?? throw new InvalidOperationException($"runner {spec.Name}: {dir}/{RecordFile} is unreadable");
                if (existing.ControllerId != options.ControllerId)
                {
                    throw new InvalidOperationException(
                        $"runner {spec.Name}: {dir} belongs to another controller; Hangar does not touch what it did not create");
                }

                ProcessProviderLog.Exists(logger, Name, spec.Name, existing.Pid);
                return ToInstance(existing);
            }

            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var plain = RunnerEnvironment.Plain(spec, CredentialFiles.DirectoryOf(dir));
            int pid;
            try
            {
                var secrets = RunnerEnvironment.Secrets(spec);
                if (spec.CredentialDelivery == CredentialDelivery.File)
                {
                    CredentialFiles.Write(dir, spec.Name, secrets);
                }

                pid = RunnerLauncher.Start(spec.Name, spec.Command, LaunchEnvironment(plain, spec.CredentialDelivery, secrets), dir);
            }
            catch
            {
                // Nothing runs and nothing is recorded: leave no directory that Delete would have to guess about.
                Directory.Delete(dir, recursive: true);
                throw;
            }

            var record = new ProcessRecord(
                spec.Name, spec.Pool, options.ControllerId, pid, ProcStat.Read(pid)?.StartTime, _time.GetUtcNow(), spec.Command, plain, spec.CredentialDelivery);
            RecordOrKill(dir, record);
            ProcessProviderLog.Started(logger, Name, spec.Name, pid, spec.Pool);
            return ToInstance(record);
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        WithOurRecordAsync(name, async (dir, record) =>
        {
            await _tree.EndAsync(record, cancellationToken).ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
            ProcessProviderLog.Removed(logger, Name, name);
            return ToInstance(record);
        }, cancellationToken);

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var record = IsValidName(name) ? _records.Read(DirectoryOf(name)) : null;
        return Task.FromResult(record is not null && record.ControllerId == options.ControllerId ? ToInstance(record) : null);
    }

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ProviderInstance> instances = !Directory.Exists(_root)
            ? []
            :
            [
                .. Directory.EnumerateDirectories(_root)
                    .Select(_records.Read)
                    .OfType<ProcessRecord>()
                    .Where(r => r.ControllerId == options.ControllerId && (pool is null || r.Pool == pool))
                    .Select(ToInstance),
            ];
        return Task.FromResult(instances);
    }

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return OperatingSystem.IsLinux() ? Task.FromResult(ProcessCreateCheck.Run(spec)) : throw NotLinux();
    }

    public Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default) =>
        WithOurRecordAsync(
            name,
            (dir, record) => OperatingSystem.IsLinux() ? Task.FromResult(Start(dir, record, secretEnv)) : throw NotLinux(),
            cancellationToken);

    public Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default) =>
        WithOurRecordAsync(name, async (_, record) =>
        {
            if (ProcessTree.IsRunning(record))
            {
                await _tree.EndAsync(record, cancellationToken).ConfigureAwait(false);
                ProcessProviderLog.Stopped(logger, Name, name);
            }

            return ToInstance(record);
        }, cancellationToken);

    /// <summary>Running only while the recorded pid is alive and still the process we started.</summary>
    internal static ProviderInstanceStatus StatusOf(ProcessRecord record) =>
        ProcessTree.IsRunning(record) ? ProviderInstanceStatus.Running : ProviderInstanceStatus.Exited;

    [SupportedOSPlatform("linux")]
    private ProviderInstance Start(string dir, ProcessRecord record, IReadOnlyDictionary<string, string>? secretEnv)
    {
        var byFile = record.CredentialDelivery == CredentialDelivery.File;
        if (secretEnv is not null && byFile)
        {
            CredentialFiles.Write(dir, record.Name, secretEnv);
        }

        if (ProcessTree.IsRunning(record))
        {
            return ToInstance(record);
        }

        if (record.Command is not { Count: > 0 } command || record.Environment is not { } plain)
        {
            throw new InvalidOperationException(
                $"runner {record.Name}: its record was written by a Hangar that did not keep the command; delete it and create it again");
        }

        // Without file delivery the secrets were never on disk: a restarted runner has only what it is given now.
        var secrets = byFile ? new Dictionary<string, string>() : secretEnv ?? new Dictionary<string, string>();
        var pid = RunnerLauncher.Start(record.Name, command, LaunchEnvironment(plain, record.CredentialDelivery, secrets), dir);
        var restarted = record with { Pid = pid, StartTime = ProcStat.Read(pid)?.StartTime };
        RecordOrKill(dir, restarted);
        ProcessProviderLog.Restarted(logger, Name, record.Name, pid);
        return ToInstance(restarted);
    }

    /// <summary>Runs <paramref name="action"/> on this controller's record of <paramref name="name"/>, holding its
    /// directory's lock; null (and nothing run) when there is no such record.</summary>
    private async Task<ProviderInstance?> WithOurRecordAsync(
        string name, Func<string, ProcessRecord, Task<ProviderInstance>> action, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        var dir = DirectoryOf(name);
        using (await NameLocks.AcquireAsync(dir, cancellationToken).ConfigureAwait(false))
        {
            return ReadOurs(dir) is { } record ? await action(dir, record).ConfigureAwait(false) : null;
        }
    }

    private static Dictionary<string, string> LaunchEnvironment(
        IReadOnlyDictionary<string, string> plain, CredentialDelivery delivery, IReadOnlyDictionary<string, string> secrets)
    {
        var env = new Dictionary<string, string>(plain, StringComparer.Ordinal);
        if (delivery == CredentialDelivery.Environment)
        {
            foreach (var (key, value) in secrets)
            {
                env[key] = value;
            }
        }

        return env;
    }

    /// <summary>This controller's record in <paramref name="dir"/>, or null (a foreign or unrecorded directory is logged and left alone).</summary>
    private ProcessRecord? ReadOurs(string dir)
    {
        var record = _records.Read(dir);
        if ((record is null && Directory.Exists(dir)) || (record is not null && record.ControllerId != options.ControllerId))
        {
            ProcessProviderLog.ForeignIgnored(logger, Name, dir);
            return null;
        }

        return record;
    }

    private static void RecordOrKill(string dir, ProcessRecord record)
    {
        try
        {
            ProcessRecords.Write(dir, record);
        }
        catch
        {
            // An unrecorded runner could never be found or stopped again.
            Signals.Send(-record.Pid, Signals.SigKill);
            Signals.Send(record.Pid, Signals.SigKill);
            throw;
        }
    }

    private static PlatformNotSupportedException NotLinux() => new("the process provider needs Linux (it relies on /proc and setsid)");

    private string DirectoryOf(string name) => Path.Combine(_root, name);

    private static ProviderInstance ToInstance(ProcessRecord record) =>
        new(record.Name, record.Pid.ToString(CultureInfo.InvariantCulture), record.Pool, StatusOf(record));

    private static bool IsValidName(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();
}
