using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>
/// Runs each runner as a local process in <c>{WorkDir}/{name}</c>. The runner outlives Hangar (its own session, its
/// output in a file) and is found again through <c>instance.json</c>, written before the runner starts and again with
/// its pid, whose recorded start time keeps a recycled pid from ever being taken for ours. A stopped runner keeps its
/// directory and can be started again from its record. Runners get a cleared environment (see
/// <see cref="InheritedEnvironment"/>) and may run as another user, but they are not sandboxed: this provider is for
/// trusted code only.
/// </summary>
public sealed partial class ProcessProvider(ProcessProviderOptions options, ILogger<ProcessProvider> logger, TimeProvider? timeProvider = null)
    : IProvider
{
    internal const string RecordFile = ProcessRecords.FileName;

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

        var launches = Launches();
        var dir = DirectoryOf(spec.Name);
        using (await NameLocks.AcquireAsync(dir, cancellationToken).ConfigureAwait(false))
        {
            var secrets = RunnerEnvironment.Secrets(spec);
            if (ProcessRecords.Exists(dir))
            {
                var existing = _records.Read(dir) ?? throw new InvalidOperationException($"runner {spec.Name}: {dir}/{RecordFile} is unreadable");
                if (existing.ControllerId != options.ControllerId)
                {
                    throw new InvalidOperationException(
                        $"runner {spec.Name}: {dir} belongs to another controller; Hangar does not touch what it did not create");
                }

                if (existing.Pid is not null)
                {
                    ProcessProviderLog.Exists(logger, Name, spec.Name, existing.Pid.Value);
                    return ToInstance(existing);
                }

                // Its creator died between recording the intent and recording the pid.
                var byFile = existing.CredentialDelivery == CredentialDelivery.File;
                if (byFile)
                {
                    CredentialFiles.Write(dir, spec.Name, secrets, launches.ResolveUser(existing));
                }

                var resumed = await launches.ResumeAsync(dir, existing, byFile ? Empty : secrets, cancellationToken).ConfigureAwait(false);
                ProcessProviderLog.Resumed(logger, Name, spec.Name, resumed.Pid!.Value);
                return ToInstance(resumed);
            }

            var intent = launches.Intend(spec, _root, dir);
            var toFiles = spec.CredentialDelivery == CredentialDelivery.File;
            ProcessRecord record;
            try
            {
                if (toFiles)
                {
                    CredentialFiles.Write(dir, spec.Name, secrets, launches.ResolveUser(intent));
                }

                record = await launches.LaunchAsync(dir, intent, toFiles ? Empty : secrets, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Nothing runs (a runner whose pid could not be recorded was killed): leave nothing behind.
                Directory.Delete(dir, recursive: true);
                throw;
            }

            ProcessProviderLog.Started(logger, Name, spec.Name, record.Pid!.Value, spec.Pool);
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
        // Hidden directories are directories being made (or left half-made by a crash before their record was in
        // place, when nothing had started yet): never runners.
        IReadOnlyList<ProviderInstance> instances = !Directory.Exists(_root)
            ? []
            :
            [
                .. Directory.EnumerateDirectories(_root)
                    .Where(d => !Path.GetFileName(d).StartsWith('.'))
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
        return OperatingSystem.IsLinux() ? Task.FromResult(ProcessCreateCheck.Run(spec, options.IsRoot())) : throw NotLinux();
    }

    public Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default) =>
        WithOurRecordAsync(
            name,
            async (dir, record) => OperatingSystem.IsLinux() ? await StartAsync(dir, record, secretEnv, cancellationToken).ConfigureAwait(false) : throw NotLinux(),
            cancellationToken);

    public Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default) =>
        WithOurRecordAsync(name, async (_, record) =>
        {
            if (ProcessTree.IsRunning(record) || ProcessTree.Launched(record) is not null)
            {
                await _tree.EndAsync(record, cancellationToken).ConfigureAwait(false);
                ProcessProviderLog.Stopped(logger, Name, name);
            }

            return ToInstance(record);
        }, cancellationToken);

    /// <summary>Running only while the recorded pid is alive and still the process we started; a record without a
    /// pid is running when its launch marker is found, else created and never started.</summary>
    internal static ProviderInstanceStatus StatusOf(ProcessRecord record) => record.Pid is null
        ? ToInstance(record).Status
        : ProcessTree.IsRunning(record) ? ProviderInstanceStatus.Running : ProviderInstanceStatus.Exited;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    [SupportedOSPlatform("linux")]
    private async Task<ProviderInstance> StartAsync(
        string dir, ProcessRecord record, IReadOnlyDictionary<string, string>? secretEnv, CancellationToken cancellationToken)
    {
        var launches = Launches();
        var byFile = record.CredentialDelivery == CredentialDelivery.File;
        if (secretEnv is not null && byFile)
        {
            CredentialFiles.Write(dir, record.Name, secretEnv, launches.ResolveUser(record));
        }

        if (ProcessTree.IsRunning(record))
        {
            return ToInstance(record);
        }

        // Without file delivery the secrets were never on disk: a restarted runner has only what it is given now.
        var secrets = byFile ? Empty : secretEnv ?? Empty;
        var started = record.Pid is null
            ? await launches.ResumeAsync(dir, record, secrets, cancellationToken).ConfigureAwait(false)
            : await launches.RelaunchAsync(dir, record, secrets, cancellationToken).ConfigureAwait(false);
        ProcessProviderLog.Restarted(logger, Name, record.Name, started.Pid!.Value);
        return ToInstance(started);
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

    [SupportedOSPlatform("linux")]
    private RunnerLaunches Launches() => new(options, timeProvider ?? TimeProvider.System);

    private static PlatformNotSupportedException NotLinux() => new("the process provider needs Linux (it relies on /proc and setsid)");

    private string DirectoryOf(string name) => Path.Combine(_root, name);

    /// <summary>A record without a pid shows the pid its launch marker finds, or none.</summary>
    private static ProviderInstance ToInstance(ProcessRecord record)
    {
        if (record.Pid is { } pid)
        {
            return new(record.Name, pid.ToString(CultureInfo.InvariantCulture), record.Pool, StatusOf(record));
        }

        var launched = ProcessTree.Launched(record);
        return new(
            record.Name,
            launched?.Pid.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            record.Pool,
            launched is null ? ProviderInstanceStatus.Created : ProviderInstanceStatus.Running);
    }

    private static bool IsValidName(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();
}
