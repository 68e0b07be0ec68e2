using System.Runtime.Versioning;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// One libvirt domain per runner, through the <c>virsh</c> CLI (no .NET binding exists). A domain is Hangar's when its
/// metadata carries this controller id; no other domain is ever started, stopped or removed, whatever its name. Its
/// disk is a qcow2 overlay of the pool's image, its credential a per-domain NoCloud seed (mode 0600), its shares
/// virtiofs; all of it lives in the domain's own directory (<see cref="DomainFiles"/>), which delete removes.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LibvirtProvider : IProvider
{
    private readonly LibvirtProviderOptions _options;
    private readonly ILogger<LibvirtProvider> _logger;
    private readonly TimeProvider _time;
    private readonly ToolRunner _tools;
    private readonly Virsh _virsh;
    private readonly DomainCatalog _catalog;

    public LibvirtProvider(LibvirtProviderOptions options, ILogger<LibvirtProvider> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ControllerId);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _tools = new ToolRunner(options.CommandTimeout, _time);
        _virsh = new Virsh(options, _tools);
        _catalog = new DomainCatalog(options, _virsh);
    }

    public string Name => _options.Name;

    public ProviderCapabilities Capabilities => ProviderCapabilities.CreateCheck | ProviderCapabilities.CredentialFile | ProviderCapabilities.Prepare;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        LibvirtCreateCheck.ThrowOnBadSecretNames(spec);
        await using var held = await LockAsync(spec.Name, cancellationToken).ConfigureAwait(false);
        if (await _catalog.GetAnyAsync(spec.Name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return await ResumeAsync(existing, cancellationToken).ConfigureAwait(false);
        }

        var problems = LibvirtCreateCheck.Run(spec, _options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        await BuildOrUndoAsync(spec, start: true, cancellationToken).ConfigureAwait(false);
        LibvirtProviderLog.Created(_logger, Name, spec.Name, spec.Pool, DomainXml.Cpus(spec, _options), spec.MemoryMb ?? _options.DefaultMemoryMb, spec.Mounts.Count);
        return await _catalog.GetAsync(spec.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"domain {spec.Name} vanished right after it was started");
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var held = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        var files = DomainFiles.Of(_options, name);
        var domain = await _catalog.GetAnyAsync(name, cancellationToken).ConfigureAwait(false);
        if (domain is { Ours: false })
        {
            return;
        }

        if (domain is not null)
        {
            await _virsh.DestroyAsync(name, cancellationToken).ConfigureAwait(false);
            await _virsh.UndefineAsync(name, cancellationToken).ConfigureAwait(false);
        }

        if (Directory.Exists(files.Directory))
        {
            Directory.Delete(files.Directory, recursive: true);
            if (domain is null)
            {
                LibvirtProviderLog.LeftoverRemoved(_logger, Name, name);
            }
        }

        held.RemoveOnRelease();

        if (domain is not null)
        {
            LibvirtProviderLog.Deleted(_logger, Name, name);
        }
    }

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _catalog.GetAsync(name, cancellationToken);

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) =>
        _catalog.ListAsync(pool, cancellationToken);

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Task.FromResult(new CreateCheck(LibvirtCreateCheck.Run(spec, _options)));
    }

    /// <summary>The stopped tier: overlay cloned, seed made without secrets, domain defined and not started.</summary>
    public async Task<ProviderInstance> PrepareAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.CredentialDelivery != CredentialDelivery.File)
        {
            throw new ArgumentException($"runner {spec.Name}: a domain kept stopped gets its credentials on its seed, made again at its start (file delivery)", nameof(spec));
        }

        await using var held = await LockAsync(spec.Name, cancellationToken).ConfigureAwait(false);
        if (await _catalog.GetAnyAsync(spec.Name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing.Ours ? existing.Instance
                : throw new InvalidOperationException($"a domain named {spec.Name} exists on {_options.Uri} and is not this controller's; it is left alone");
        }

        var problems = LibvirtCreateCheck.Run(spec, _options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        await BuildOrUndoAsync(spec with { SecretEnv = new Dictionary<string, string>(), InstanceToken = null }, start: false, cancellationToken).ConfigureAwait(false);
        LibvirtProviderLog.Prepared(_logger, Name, spec.Name, spec.Pool);
        return await _catalog.GetAsync(spec.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"domain {spec.Name} vanished right after it was defined");
    }

    /// <summary>
    /// Starts a domain <see cref="PrepareAsync"/> made: its seed is made again from the prepared spec with
    /// <paramref name="secretEnv"/> (the credential minted now), then the domain starts. A running domain is left as it
    /// is. One that ran and ended cannot be started again here (no stop/start: its disk holds a used runner).
    /// </summary>
    public async Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var held = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        var existing = await _catalog.GetAnyAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        if (!existing.Ours)
        {
            throw new InvalidOperationException($"a domain named {name} exists on {_options.Uri} and is not this controller's; it is left alone");
        }

        if (existing.Instance.Status != ProviderInstanceStatus.Created)
        {
            return existing.Instance.Status == ProviderInstanceStatus.Exited
                ? throw new InvalidOperationException($"domain {name} ran and ended; libvirt domains are not started again")
                : existing.Instance;
        }

        var files = DomainFiles.Of(_options, name);
        var spec = await PreparedSpec.ReadAsync(files, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"domain {name} was not made for the stopped tier: there is no spec to make its seed from");
        var secrets = secretEnv ?? new Dictionary<string, string>();
        LibvirtCreateCheck.ThrowOnBadSecretNames(spec with { SecretEnv = secrets });
        await DomainSeed.WriteAsync(spec with { SecretEnv = secrets }, files, _options, _tools, cancellationToken).ConfigureAwait(false);
        await StartDomainAsync(name, cancellationToken).ConfigureAwait(false);
        LibvirtProviderLog.PreparedStarted(_logger, Name, name, secrets.Count);
        return await _catalog.GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    private async Task BuildOrUndoAsync(RunnerSpec spec, bool start, CancellationToken ct)
    {
        var files = DomainFiles.Of(_options, spec.Name);
        try
        {
            await BuildAsync(spec, files, start, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            await UndoAsync(spec.Name, files, e).ConfigureAwait(false);
            throw;
        }
    }

    private async Task BuildAsync(RunnerSpec spec, DomainFiles files, bool start, CancellationToken ct)
    {
        // qemu runs as its own user (libvirt-qemu on Debian) and must reach the files: the directories are
        // traversable, never listable, and each file is 0600 (libvirt gives it to qemu's user while the domain runs).
        const UnixFileMode traverse = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(files.Directory, traverse);
        File.SetUnixFileMode(files.Directory, traverse);
        await DomainDisk.CreateAsync(spec, files, _options, _tools, ct).ConfigureAwait(false);
        await DomainSeed.WriteAsync(spec, files, _options, _tools, ct).ConfigureAwait(false);
        var xml = DomainXml.Build(_options, spec, files, DomainType());
        await File.WriteAllTextAsync(files.Xml, xml.ToString(), ct).ConfigureAwait(false);
        if (!start)
        {
            // Before the define: a domain listed as prepared always has the spec its start needs.
            await PreparedSpec.WriteAsync(spec, files, ct).ConfigureAwait(false);
        }

        await _virsh.DefineAsync(files.Xml, spec.Name, ct).ConfigureAwait(false);
        if (start)
        {
            await StartDomainAsync(spec.Name, ct).ConfigureAwait(false);
        }
    }

    /// <summary>An existing domain of that name: ours is returned as it is (started first if an interrupted create
    /// defined it and never started it); another controller's is refused.</summary>
    private async Task<ProviderInstance> ResumeAsync(DomainCatalog.Found existing, CancellationToken ct)
    {
        if (!existing.Ours)
        {
            throw new InvalidOperationException($"a domain named {existing.Instance.Name} exists on {_options.Uri} and is not this controller's; it is left alone");
        }

        if (existing.Instance.Status != ProviderInstanceStatus.Created)
        {
            return existing.Instance;
        }

        await StartDomainAsync(existing.Instance.Name, ct).ConfigureAwait(false);
        LibvirtProviderLog.Resumed(_logger, Name, existing.Instance.Name);
        return await _catalog.GetAsync(existing.Instance.Name, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"domain {existing.Instance.Name} vanished right after it was started");
    }

    /// <summary>
    /// Records the start, then starts. Recorded after, a process killed in between would leave a domain that, once its
    /// guest ended, reads as never started: the stopped tier would start its used disk again with a new credential.
    /// Recorded before, that kill leaves one that reads as ended, which is replaced. A start that failed and left the
    /// domain off takes the record back, so the domain is still startable.
    /// </summary>
    private async Task StartDomainAsync(string name, CancellationToken ct)
    {
        var started = DomainFiles.Of(_options, name).Started;
        await File.WriteAllTextAsync(started, "", ct).ConfigureAwait(false);
        try
        {
            await _virsh.StartAsync(name, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Only a domain seen off loses the record; one whose state cannot be read keeps it (read as ended).
            var state = await _virsh.StateAsync(name, CancellationToken.None).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default).ConfigureAwait(false);
            if (state == "shut off")
            {
                File.Delete(started);
            }

            throw;
        }
    }

    private async Task UndoAsync(string name, DomainFiles files, Exception error)
    {
        try
        {
            // Only what this attempt made: the name was free when it began, and the lock is still held.
            await _virsh.DestroyAsync(name, CancellationToken.None).ConfigureAwait(false);
            await _virsh.UndefineAsync(name, CancellationToken.None).ConfigureAwait(false);
            if (Directory.Exists(files.Directory))
            {
                Directory.Delete(files.Directory, recursive: true);
            }

            LibvirtProviderLog.CreateUndone(_logger, Name, name, error);
        }
        catch (Exception undo) when (undo is InvalidOperationException or IOException or TimeoutException)
        {
            LibvirtProviderLog.UndoFailed(_logger, Name, name, undo);
        }
    }

    private async Task<DomainLock> LockAsync(string name, CancellationToken ct)
    {
        var directory = DomainFiles.ControllerDirectory(_options);
        Directory.CreateDirectory(directory);
        return await DomainLock.AcquireAsync(directory, name, _time, ct).ConfigureAwait(false);
    }

    private string DomainType() => _options.DomainType ?? (File.Exists("/dev/kvm") ? "kvm" : "qemu");
}
